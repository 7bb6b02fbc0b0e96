"""Norm 5, limit rounds of synthetic-on-synthetic: lineage records, the depth rule, and the Collapse Lab."""
