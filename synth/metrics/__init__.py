"""Metrics that compare real and synthetic tables: fidelity, privacy, fairness and utility.

``synth.metrics.evaluate.evaluate`` runs them all and returns one JSON-able dict.
"""
