"""A gate compares the value it shows: each boundary, on both directions, at 4 significant digits."""

from __future__ import annotations

import pytest

from synth.purposes.gates import evaluate_gates, shown


def _gate(result: dict, purpose: str, name: str) -> dict:
    return next(g for g in evaluate_gates(result, purpose) if g["name"] == name)


def _parity(value: float) -> dict:
    return _gate({"summary": {"max_parity_gap_synthetic": value}}, "bias", "parity_gap")


def _fidelity(value: float) -> dict:
    return _gate({"fidelity": {"overall": value}}, "privacy", "fidelity_overall")


def test_the_reported_float_noise_passes_as_shown():
    value = 0.1 + 0.2 - 0.25  # 0.050000000000000044, the value
    assert value > 0.05
    gate = _parity(value)
    assert "0.05 (needs <= 0.05" in gate["explanation"] and gate["status"] == "pass"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (0.04996, "pass"),
        (0.05, "pass"),
        (0.0500004, "pass"),  # shown as 0.05
        (0.05001, "warn"),  # shown as 0.05001
        (0.1, "warn"),  # the warn limit, met as shown
        (0.1000004, "warn"),
        (0.1001, "fail"),
    ],
)
def test_at_most_boundaries(value, status):
    gate = _parity(value)
    assert gate["status"] == status
    # The explanation shows exactly the number that was compared.
    assert f"{shown(value):.4g}" in gate["explanation"]


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (0.8, "pass"),
        (0.79999999, "pass"),  # shown as 0.8
        (0.7999, "warn"),
        (0.7, "warn"),
        (0.69999999, "warn"),
        (0.6999, "fail"),
    ],
)
def test_at_least_boundaries(value, status):
    assert _fidelity(value)["status"] == status


def test_a_tiny_nonzero_value_is_not_rounded_to_zero():
    # An officer who allows no excess of copied rows at all: 1e-7 is not "0" and must fail.
    result = {"privacy": {"exact_match": {"excess": {"ci95": [0.0, 1e-7]}}}}
    strict = {"privacy": {"exact_match_excess": {"threshold": 0.0, "warn": 0.0}}}
    gate = next(g for g in evaluate_gates(result, "privacy", strict) if g["name"] == "exact_match_excess")
    assert gate["status"] == "fail" and shown(1e-7) == 1e-7
