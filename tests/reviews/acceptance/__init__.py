"""Tests of reviews.acceptance."""
