"""Tests of synth.purposes."""
