"""Tests of synth.profile."""
