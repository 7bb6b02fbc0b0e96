"""Fairness numbers against hand-computed ones."""

from __future__ import annotations

import pandas as pd
import pytest

from synth.metrics.fairness import choose_positive_class, fairness

TYPES = {"sex": "categorical", "hired": "categorical", "age": "numerical"}


def _tables():
    # Real: men 6 (4 hired), women 4 (1 hired). Synthetic: men 5 (3 hired), women 5 (3 hired).
    real = pd.DataFrame(
        {
            "sex": ["M"] * 6 + ["F"] * 4,
            "hired": ["yes"] * 4 + ["no"] * 2 + ["yes"] + ["no"] * 3,
            "age": range(10),
        }
    )
    synthetic = pd.DataFrame(
        {
            "sex": ["M"] * 5 + ["F"] * 5,
            "hired": ["yes"] * 3 + ["no"] * 2 + ["yes"] * 3 + ["no"] * 2,
            "age": range(10),
        }
    )
    return real, synthetic


def test_group_shares_rates_and_parity_by_hand():
    real, synthetic = _tables()
    result = fairness(real, synthetic, ["sex"], column_types=TYPES, label="hired")
    assert result["positive_class"] == "yes"
    groups = {g["group"]: g for g in result["attributes"]["sex"]["groups"]}
    assert groups["M"]["real_share"] == pytest.approx(0.6) and groups["F"][
        "synthetic_share"
    ] == pytest.approx(0.5)
    assert groups["M"]["real_label_rate"] == pytest.approx(4 / 6) and groups["F"][
        "real_label_rate"
    ] == pytest.approx(1 / 4)
    real_parity = result["attributes"]["sex"]["real"]
    assert real_parity["demographic_parity_difference"] == pytest.approx(4 / 6 - 1 / 4)
    assert real_parity["disparate_impact_ratio"] == pytest.approx((1 / 4) / (4 / 6))
    synthetic_parity = result["attributes"]["sex"]["synthetic"]
    assert synthetic_parity["demographic_parity_difference"] == pytest.approx(0.0)
    assert synthetic_parity["disparate_impact_ratio"] == pytest.approx(1.0)


def test_bias_target_reports_target_real_and_achieved():
    real, synthetic = _tables()
    result = fairness(
        real, synthetic, ["sex"], column_types=TYPES, label="hired", bias_target={"sex": {"F": 0.5, "M": 0.5}}
    )
    rows = {r["value"]: r for r in result["bias_target"]["sex"]}
    assert rows["F"] == {
        "value": "F",
        "target": 0.5,
        "real": pytest.approx(0.4),
        "achieved": pytest.approx(0.5),
        "gap": pytest.approx(0.0),
    }
    assert result["columns_differing_on_purpose"] == ["sex"]


def test_positive_class_rules():
    assert choose_positive_class(pd.Series(["<=50K", ">50K", "<=50K"]))[0] == ">50K"
    assert choose_positive_class(pd.Series(["red", "red", "blue"])) == ("blue", "minority class")
    assert choose_positive_class(pd.Series(["a", "b"]), positive_class="a") == ("a", "given")


def test_continuous_protected_attribute_is_cut_into_quartiles():
    real = pd.DataFrame({"age": list(range(100)), "hired": ["yes", "no"] * 50})
    result = fairness(
        real, real, ["age"], column_types={"age": "numerical", "hired": "categorical"}, label="hired"
    )
    shares = [g["real_share"] for g in result["attributes"]["age"]["groups"]]
    assert len(shares) == 4 and all(s == pytest.approx(0.25) for s in shares)


def test_numeric_label_is_positive_above_the_real_median():
    real = pd.DataFrame({"sex": ["M", "M", "F", "F"], "pay": [10.0, 20.0, 1.0, 30.0]})
    result = fairness(
        real, real, ["sex"], column_types={"sex": "categorical", "pay": "numerical"}, label="pay"
    )
    assert result["positive_class_rule"] == "above the real median"
    groups = {g["group"]: g for g in result["attributes"]["sex"]["groups"]}
    assert groups["M"]["real_label_rate"] == 0.5 and groups["F"]["real_label_rate"] == 0.5
