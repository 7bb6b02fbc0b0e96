"""Tests of synth.generators."""
