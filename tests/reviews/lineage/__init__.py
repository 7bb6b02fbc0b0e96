"""Tests of reviews.lineage."""
