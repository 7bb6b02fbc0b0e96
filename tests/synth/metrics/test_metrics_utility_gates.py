"""Utility (TSTR vs TRTR) and the purpose gates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.metrics.utility import utility
from synth.purposes.gates import DEFAULT_GATES, evaluate_gates, gates_for, normalise_purpose

TYPES = {"x": "numerical", "z": "numerical", "c": "categorical", "y": "categorical", "v": "numerical"}


def _data(seed: int, rows: int = 600) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x, z = rng.normal(size=rows), rng.normal(size=rows)
    c = rng.choice(["a", "b", "c"], size=rows)
    y = np.where(x + (c == "a") + 0.3 * rng.normal(size=rows) > 0.5, "pos", "neg")
    v = 3 * x - z + 0.1 * rng.normal(size=rows)
    return pd.DataFrame({"x": x, "z": z, "c": c, "y": y, "v": v})


def test_tstr_equals_trtr_when_synthetic_is_the_training_data():
    train, holdout = _data(0), _data(1)
    result = utility(train, train.copy(), holdout, "y", TYPES)
    assert result["task"] == "classification"
    assert result["tstr"] == result["trtr"] and result["ratio"] == pytest.approx(1.0)
    assert result["trtr"]["auc"] > 0.8


def test_noise_as_synthetic_loses_utility_and_regression_uses_r2():
    train, holdout = _data(0), _data(1)
    noise = train.copy()
    noise["y"] = np.random.default_rng(5).permutation(noise["y"].to_numpy())
    assert utility(train, noise, holdout, "y", TYPES)["ratio"] < 0.8
    regression = utility(train, train, holdout, "v", TYPES)
    assert regression["task"] == "regression" and regression["trtr"]["r2"] > 0.9


def test_gate_statuses_and_overrides():
    result = {
        "privacy": {
            "exact_match": {"excess": {"value": 0.0, "ci95": [-0.001, 0.001]}},
            "dcr": {"difference": {"value": 0.03, "ci95": [-0.01, 0.07]}},
            "risks": None,
        },
        "fidelity": {"overall": 0.65},
    }
    gates = {g["name"]: g for g in evaluate_gates(result, "privacy")}
    assert gates["exact_match_excess"]["status"] == "pass"
    assert gates["dcr_excess"]["status"] == "warn"
    assert (
        gates["fidelity_overall"]["status"] == "fail" and "0.65" in gates["fidelity_overall"]["explanation"]
    )
    assert (
        gates["singling_out_risk"]["status"] == "warn"
        and "not measured" in gates["singling_out_risk"]["explanation"]
    )
    relaxed = {
        g["name"]: g
        for g in evaluate_gates(result, "privacy", {"privacy": {"fidelity_overall": {"threshold": 0.6}}})
    }
    assert relaxed["fidelity_overall"]["status"] == "pass" and relaxed["fidelity_overall"]["threshold"] == 0.6
    assert DEFAULT_GATES["privacy"]["fidelity_overall"]["threshold"] == 0.8  # defaults untouched


def test_thresholds_saved_for_replaced_gates_are_ignored():
    saved = {"privacy": {"dcr_closer_to_training_upper_ci": {"threshold": 0.55, "warn": 0.6}}}
    assert "dcr_closer_to_training_upper_ci" not in gates_for("privacy", saved)


def test_risk_gates_decide_on_the_lower_bound_and_memorisation_gates_on_the_upper():
    def verdict(path_value: dict) -> dict:
        return {
            g["name"]: g["status"] for g in evaluate_gates({"privacy": path_value, "fidelity": {}}, "privacy")
        }

    uncertain = {"value": 0.06, "ci95": [0.0, 0.2]}
    shown = {"value": 0.3, "ci95": [0.2, 0.4]}
    assert verdict({"risks": {"inference": uncertain}})["inference_risk"] == "pass"
    assert verdict({"risks": {"inference": shown}})["inference_risk"] == "fail"
    assert (
        verdict({"membership_inference": {"auc": 0.55, "ci95": [0.5, 0.7]}})["membership_inference_auc"]
        == "fail"
    )


def test_every_purpose_has_gates_and_unknown_purpose_is_refused():
    for purpose in ("privacy", "bias", "augmentation", "bias_correction"):
        assert gates_for(purpose)
    with pytest.raises(InputError, match="unknown purpose"):
        normalise_purpose("marketing")
