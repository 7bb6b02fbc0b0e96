"""Tests of reviews.workspace."""
