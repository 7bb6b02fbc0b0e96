"""Tests of reviews.audit."""
