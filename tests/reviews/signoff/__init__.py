"""Tests of reviews.signoff."""
