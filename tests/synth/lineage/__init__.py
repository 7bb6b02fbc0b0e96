"""Tests of synth.lineage."""
