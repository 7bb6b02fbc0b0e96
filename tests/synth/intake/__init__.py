"""Tests of synth.intake."""
