"""Tests of reviews.jobs."""
