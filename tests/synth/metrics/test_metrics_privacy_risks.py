"""The WP29 attacks on constructed leaks whose answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.metrics.privacy.risks import privacy_risks

TYPES = {
    "age": "numerical",
    "income": "numerical",
    "city": "categorical",
    "job": "categorical",
    "smoker": "boolean",
    "label": "categorical",
}


def _population(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    city = rng.choice([f"city{i}" for i in range(30)], size=rows)
    job = rng.choice([f"job{i}" for i in range(20)], size=rows)
    age = rng.integers(18, 90, size=rows).astype(float)
    income = rng.lognormal(10, 0.5, size=rows).round(0)
    smoker = rng.random(rows) < 0.3
    # The secret depends only weakly on the rest, so guessing it from a look-alike is hard.
    label = np.where(rng.random(rows) < 0.5 + 0.1 * smoker, "yes", "no")
    return pd.DataFrame(
        {"age": age, "income": income, "city": city, "job": job, "smoker": smoker, "label": label}
    )


@pytest.fixture(scope="module")
def tables():
    return _population(1, 1500), _population(2, 1500), _population(3, 1500)


def test_copy_of_training_data_is_a_high_risk(tables):
    train, holdout, _ = tables
    risks = privacy_risks(train.copy(), train, holdout, TYPES, secret="label", queries=1000)
    assert risks["singling_out"]["value"] > 0.5
    assert risks["linkability"]["value"] > 0.5
    assert risks["inference"]["value"] > 0.5
    for risk in risks.values():
        assert risk["ci95"][0] <= risk["value"] <= risk["ci95"][1]


def test_independent_synthetic_data_is_near_zero_risk(tables):
    train, holdout, independent = tables
    risks = privacy_risks(independent, train, holdout, TYPES, secret="label", queries=1000)
    for name, risk in risks.items():
        assert risk["ci95"][0] <= 0.05, (name, risk)
        assert risk["value"] < 0.1, (name, risk)


def test_targets_do_not_follow_the_synthetic_row_order(tables):
    train, holdout, _ = tables
    in_order = privacy_risks(train.copy(), train, holdout, TYPES, secret="label", queries=500)
    shuffled = privacy_risks(
        train.sample(frac=1, random_state=5), train, holdout, TYPES, secret="label", queries=500
    )
    for name in ("linkability", "inference"):
        assert abs(in_order[name]["value"] - shuffled[name]["value"]) < 0.1, name
