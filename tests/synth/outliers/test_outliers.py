"""Outlier coverage and flagged injection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.outliers.inject import OUTLIER_FLAG, OutlierRegion, inject_outliers, outlier_coverage

BOUNDS = OutlierRegion("x", "iqr", lower=0.0, upper=10.0)
RARE = OutlierRegion("c", "rare_category", rare_values=("zz", "yy"))


@pytest.fixture
def real() -> pd.DataFrame:
    x = np.r_[np.arange(1, 10, dtype=float).repeat(10), [-50.0, 100.0, 200.0]]
    c = ["a"] * (len(x) - 3) + ["zz", "zz", "yy"]
    return pd.DataFrame({"x": x, "c": c, "n": np.arange(len(x))})


def test_coverage_counts_real_outliers_with_counterparts(real):
    # Radius = 0.1 * (10 - 0) = 1: 100.5 covers 100, 180 is too far from 200, -49.5 covers -50.
    synthetic = pd.DataFrame({"x": [5.0, 100.5, 180.0, -49.5], "c": ["a", "zz", "a", "a"]})
    numeric, rare = outlier_coverage(real, synthetic, [BOUNDS, RARE])
    assert (numeric.real_outliers, numeric.covered, numeric.synthetic_outliers) == (3, 2, 3)
    assert (rare.real_outliers, rare.covered, rare.synthetic_outliers) == (
        3,
        2,
        1,
    )  # both "zz" rows, not "yy"
    assert rare.share_covered == pytest.approx(2 / 3)


def test_rare_coverage_counts_no_missing_cells_and_nothing_without_rare_values():
    real = pd.DataFrame({"c": ["a", "zz", None, np.nan, "zz"]})
    synthetic = pd.DataFrame({"c": [None, "zz", np.nan, "a"]})
    (rare,) = outlier_coverage(real, synthetic, [RARE])
    assert (rare.real_outliers, rare.covered, rare.synthetic_outliers) == (2, 2, 1)
    (none,) = outlier_coverage(real, synthetic, [OutlierRegion("c", "rare_category")])
    assert (none.real_outliers, none.covered, none.synthetic_outliers, none.share_covered) == (0, 0, 0, 1.0)


def test_coverage_of_a_side_needs_synthetic_values_on_that_side(real):
    synthetic = pd.DataFrame({"x": [-100.0, -50.0], "c": ["a", "a"]})
    (numeric,) = outlier_coverage(real, synthetic, [BOUNDS])
    assert numeric.covered == 1  # only -50 below; nothing above 10


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.05])
def test_injection_fraction_and_flag(real, fraction):
    synthetic = pd.DataFrame({"x": np.full(1000, 5.0), "c": ["a"] * 1000, "n": np.arange(1000)})
    out = inject_outliers(synthetic, real, [BOUNDS, RARE], fraction=fraction, seed=3)
    flagged = out[out[OUTLIER_FLAG]]
    assert out[OUTLIER_FLAG].dtype == bool and len(out) == 1000
    assert len(flagged) == round(fraction * 1000)
    moved_x = flagged[flagged["x"] != 5.0]["x"]
    assert ((moved_x < 0) | (moved_x > 10)).all()
    assert not moved_x.isin(real["x"]).any()  # perturbed, never copied
    assert set(flagged["c"]) <= {"a", "zz", "yy"}
    assert (out.loc[~out[OUTLIER_FLAG], "x"] == 5.0).all()


def test_injected_integers_stay_integers_and_beyond_bounds():
    real = pd.DataFrame({"k": np.r_[np.arange(10, 20).repeat(5), [1, 2, 90, 95]]})
    region = OutlierRegion("k", "iqr", lower=9.5, upper=20.5)
    out = inject_outliers(pd.DataFrame({"k": np.full(200, 15)}), real, [region], fraction=0.05, seed=1)
    flagged = out.loc[out[OUTLIER_FLAG], "k"]
    assert out["k"].dtype == np.int64 and len(flagged) == 10
    assert ((flagged <= 9) | (flagged >= 21)).all()


def test_injection_fraction_is_bounded(real):
    with pytest.raises(InputError, match="between 0 and 0.05"):
        inject_outliers(real, real, [BOUNDS], fraction=0.06, seed=1)
