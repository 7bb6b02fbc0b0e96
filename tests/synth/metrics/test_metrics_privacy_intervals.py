"""The privacy evidence's intervals against scipy, sklearn and their closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import roc_auc_score

from synth.metrics.privacy.intervals import auc_interval, difference_interval, residual_risk, wilson_rate


def _scipy_wilson(k: int, n: int) -> tuple[float, float]:
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


@pytest.mark.parametrize(("k", "n"), [(0, 50), (3, 1000), (400, 1000), (1000, 1000)])
def test_wilson_rate_is_the_centre_and_half_width_of_scipys_interval(k, n):
    low, high = _scipy_wilson(k, n)
    centre, error = wilson_rate(k, n)
    assert centre == pytest.approx((low + high) / 2, abs=1e-12)
    assert error == pytest.approx((high - low) / 2, abs=1e-12)


@pytest.mark.parametrize(
    ("a", "n", "b", "m"), [(90, 100, 85, 120), (1, 5000, 7, 5000), (2000, 2000, 1800, 2000)]
)
def test_difference_interval_is_newcombes_hybrid_score(a, n, b, m):
    la, ua = _scipy_wilson(a, n)
    lb, ub = _scipy_wilson(b, m)
    pa, pb = a / n, b / m
    result = difference_interval(a, n, b, m)
    assert result["value"] == pytest.approx(pa - pb)
    assert result["ci95"][0] == pytest.approx(pa - pb - np.sqrt((pa - la) ** 2 + (ub - pb) ** 2))
    assert result["ci95"][1] == pytest.approx(pa - pb + np.sqrt((ua - pa) ** 2 + (pb - lb) ** 2))


def test_difference_interval_covers_the_truth():
    rng = np.random.default_rng(0)
    hits = 0
    for _ in range(2000):
        a, b = rng.binomial(300, 0.85), rng.binomial(200, 0.8)
        low, high = difference_interval(int(a), 300, int(b), 200)["ci95"]
        hits += low <= 0.05 <= high
    assert 0.93 <= hits / 2000 <= 0.97


def test_residual_risk_propagates_both_errors_to_first_order():
    result = residual_risk(700, 1000, 500, 1000)
    attack, attack_error = wilson_rate(700, 1000)
    control, control_error = wilson_rate(500, 1000)

    def risk(a, c):
        return (a - c) / (1 - c)

    step = 1e-6
    d_attack = (risk(attack + step, control) - risk(attack - step, control)) / (2 * step)
    d_control = (risk(attack, control + step) - risk(attack, control - step)) / (2 * step)
    error = np.hypot(d_attack * attack_error, d_control * control_error)
    assert result["value"] == pytest.approx(risk(attack, control))
    assert result["ci95"] == pytest.approx(
        [risk(attack, control) - error, risk(attack, control) + error], rel=1e-6
    )
    worse = residual_risk(100, 1000, 500, 1000)
    assert worse["value"] == 0.0 and worse["risk_unclipped"] < 0


def test_auc_matches_sklearn_and_mann_whitney_with_ties():
    rng = np.random.default_rng(1)
    positive, negative = rng.integers(0, 20, 300).astype(float), rng.integers(2, 22, 250).astype(float)
    result = auc_interval(positive, negative)
    labels = np.r_[np.ones(300), np.zeros(250)]
    assert result["auc"] == pytest.approx(roc_auc_score(labels, np.r_[positive, negative]))
    u = stats.mannwhitneyu(positive, negative).statistic
    assert result["auc"] == pytest.approx(u / (300 * 250))


def test_auc_interval_uses_delongs_variance():
    rng = np.random.default_rng(2)
    positive, negative = rng.normal(0.5, 1, 40), rng.normal(0, 1, 30)
    kernel = (positive[:, None] > negative[None, :]) + 0.5 * (positive[:, None] == negative[None, :])
    auc = kernel.mean()
    v10, v01 = kernel.mean(axis=1), kernel.mean(axis=0)
    se = np.sqrt(v10.var(ddof=1) / 40 + v01.var(ddof=1) / 30)
    z = stats.norm.ppf(0.975)
    result = auc_interval(positive, negative)
    assert result["ci95"] == pytest.approx([auc - z * se, auc + z * se])
