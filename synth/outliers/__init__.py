"""Norm 2, keep a few outliers: detect them in the real table, measure what the synthetic table
kept, inject flagged ones."""
