"""Tests of reviews.bundle."""
