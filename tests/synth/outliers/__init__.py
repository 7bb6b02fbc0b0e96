"""Tests of synth.outliers."""
