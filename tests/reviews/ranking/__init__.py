"""Tests of reviews.ranking."""
