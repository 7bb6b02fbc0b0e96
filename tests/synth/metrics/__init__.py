"""Tests of synth.metrics."""
