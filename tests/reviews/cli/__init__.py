"""Tests of reviews.cli."""
