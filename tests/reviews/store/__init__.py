"""Tests of reviews.store."""
