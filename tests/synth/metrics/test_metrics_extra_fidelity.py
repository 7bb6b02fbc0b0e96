"""Wasserstein, chi-square, missing values and coverage against SDMetrics and scipy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sdmetrics import single_column

from synth.metrics.base import Goal
from synth.metrics.fidelity.extra import (
    CategoryCoverage,
    ChiSquarePValue,
    MissingValueSimilarity,
    RangeCoverage,
    WassersteinSimilarity,
    extra_fidelity,
)


def _columns(seed: int, rows: int):
    rng = np.random.default_rng(seed)
    numbers = pd.Series(rng.normal(size=rows))
    numbers[rng.random(rows) < 0.1] = np.nan
    labels = pd.Series(
        rng.choice(list("abcdef"), size=rows, p=[0.4, 0.3, 0.15, 0.1, 0.04, 0.01]), dtype=object
    )
    labels[rng.random(rows) < 0.05] = None
    return numbers, labels


@pytest.mark.parametrize(
    "ours, theirs",
    [
        (MissingValueSimilarity, single_column.MissingValueSimilarity),
        (RangeCoverage, single_column.RangeCoverage),
    ],
)
def test_numeric_metrics_sharing_a_name_match_sdmetrics(ours, theirs):
    (real, _), (synthetic, _) = _columns(0, 800), _columns(1, 300)
    assert ours.compute(real, synthetic) == pytest.approx(theirs.compute(real, synthetic), abs=1e-12)


def test_category_metrics_sharing_a_name_match_sdmetrics():
    (_, real), (_, synthetic) = _columns(2, 800), _columns(3, 60)
    assert CategoryCoverage.compute(real, synthetic) == pytest.approx(
        single_column.CategoryCoverage.compute(real, synthetic)
    )
    assert MissingValueSimilarity.compute(real, synthetic) == pytest.approx(
        single_column.MissingValueSimilarity.compute(real, synthetic)
    )


def test_wasserstein_and_chi_square_follow_scipy():
    (real, real_labels), (synthetic, synthetic_labels) = _columns(4, 1000), _columns(5, 700)
    r, s = real.dropna(), synthetic.dropna()
    expected = 1 - stats.wasserstein_distance(r, s) / (r.max() - r.min())
    assert WassersteinSimilarity.compute(real, synthetic) == pytest.approx(expected)
    assert WassersteinSimilarity.compute(real, real + (real.max() - real.min())) == 0.0
    observed = synthetic_labels.value_counts().reindex(list("abcdef"), fill_value=0)
    shares = real_labels.value_counts(normalize=True).reindex(list("abcdef"))
    oracle = stats.chisquare(observed.to_numpy(), shares.to_numpy() * observed.sum()).pvalue
    assert ChiSquarePValue.compute(real_labels, synthetic_labels) == pytest.approx(oracle)


def test_metric_shape_and_per_column_table():
    assert WassersteinSimilarity.describe() == {
        "name": "WassersteinSimilarity",
        "goal": "maximize",
        "min_value": 0.0,
        "max_value": 1.0,
    }
    assert MissingValueSimilarity.goal is Goal.MAXIMIZE
    (real, labels), _ = _columns(6, 100), None
    table = extra_fidelity(
        pd.DataFrame({"n": real, "c": labels}),
        pd.DataFrame({"n": real, "c": labels}),
        {"n": "numerical", "c": "categorical"},
    )
    assert table["n"] == {"WassersteinSimilarity": 1.0, "RangeCoverage": 1.0, "MissingValueSimilarity": 1.0}
    assert table["c"]["CategoryCoverage"] == 1.0 and table["c"]["ChiSquarePValue"] == pytest.approx(1.0)
