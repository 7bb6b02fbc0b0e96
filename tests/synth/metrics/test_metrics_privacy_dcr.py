"""Exact matches, the DCR distance and share, checked against SDMetrics and constructed cases."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sdmetrics.single_table import DCROverfittingProtection
from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

from synth.metrics.distance import distances_to_closest
from synth.metrics.intervals import wilson_interval
from synth.metrics.privacy.dcr import dcr, dcr_share, exact_match_rate, exact_matches

TYPES = {"x": "numerical", "y": "numerical", "k": "numerical", "c": "categorical", "b": "boolean"}


def _table(seed: int, rows: int, missing: bool = True) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=rows),
            "y": rng.uniform(0, 50, size=rows).round(1),
            "k": np.full(rows, 3.0),
            "c": rng.choice(list("abcde"), size=rows).astype(object),
            "b": rng.choice([True, False], size=rows).astype(object),
        }
    )
    if missing:
        frame.loc[rng.random(rows) < 0.1, "x"] = np.nan
        frame.loc[rng.random(rows) < 0.1, "c"] = None
        frame.loc[rng.random(rows) < 0.05, "k"] = np.nan
    return frame


def _metadata():
    return {"columns": {c: {"sdtype": t} for c, t in TYPES.items()}}


def test_distance_matches_sdmetrics_calculate_dcr():
    query, reference = _table(1, 300), _table(2, 250)
    query.loc[:10, "y"] = 120.0  # far outside the reference range: the cap at 1 applies
    ours = distances_to_closest(query, reference, TYPES)[0]
    oracle = calculate_dcr(dataset=query, reference_dataset=reference, metadata=_metadata()).to_numpy()
    np.testing.assert_allclose(ours, oracle, atol=1e-12)


def test_share_matches_sdmetrics_dcr_overfitting_protection():
    train, synthetic, holdout = _table(3, 400), _table(4, 300), _table(5, 400)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oracle = DCROverfittingProtection.compute_breakdown(train, synthetic, holdout, _metadata(), None)
    share = dcr_share(train, synthetic, holdout, TYPES, scale="reference")
    assert share == pytest.approx(oracle["synthetic_data_percentages"]["closer_to_training"], abs=1e-12)


def test_copy_of_training_rows_is_always_closer_and_matches_exactly():
    train, holdout = _table(6, 500, False), _table(7, 500, False)
    result = dcr(train, train.copy(), holdout, TYPES)
    assert result["closer_to_training_share"] == 1.0
    assert result["difference"]["ci95"][0] > 0
    assert result["median_synthetic_to_train"] == 0.0 and result["nndr_median_synthetic"] == 0.0
    assert exact_match_rate(train, train.sample(frac=1, random_state=0), TYPES) == 1.0


def test_unseen_real_rows_match_their_baseline():
    train, holdout, fresh = _table(8, 6000, False), _table(9, 3000, False), _table(10, 3000, False)
    result = dcr(train, fresh, holdout, TYPES, queries=3000)
    # The training table is larger than the reference half, so both shares sit above 0.5 alike.
    assert result["baseline_share"] > 0.5
    low, high = result["difference"]["ci95"]
    assert low <= 0 <= high and abs(result["difference"]["value"]) < 0.03
    assert result["query_size"] == 3000 and result["baseline_query_size"] == 1500
    assert result["reference_size"] == 1500 and result["train_size"] == 6000


def test_exact_matches_have_the_holdout_as_baseline():
    train, holdout = _table(13, 400, False), _table(14, 400, False)
    holdout.iloc[:8] = train.iloc[:8].to_numpy()  # 2% of real unseen rows equal a training row
    synthetic = pd.concat([train.iloc[100:110], _table(15, 490, False)], ignore_index=True)
    result = exact_matches(train, synthetic, holdout, TYPES)
    assert result["baseline_rate"] == pytest.approx(8 / 400)
    assert result["rate"] == pytest.approx(10 / 500)
    assert result["excess"]["ci95"][0] < 0 < result["excess"]["ci95"][1]


def test_exact_match_rate_counts_rows_and_ignores_dtype_spelling():
    train = pd.DataFrame({"a": [1, 2, 3, 4], "b": ["x", "y", None, "z"]})
    synthetic = pd.DataFrame({"a": [1.0, 2.0, 3.0, 9.0], "b": ["x", "q", None, "z"]})
    assert exact_match_rate(train, synthetic, {"a": "numerical", "b": "categorical"}) == 0.5


def test_wilson_interval_closed_form():
    k, n, z = 30, 100, stats.norm.ppf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert list(wilson_interval(k, n)) == pytest.approx([centre - half, centre + half], abs=1e-9)


def test_distance_is_exact_on_both_sides_of_the_cap_shortcut(monkeypatch):
    import synth.metrics.distance as distance

    monkeypatch.setattr(distance, "_BLOCK_CELLS", 2 * 250)  # two query rows per block
    query, reference = _table(11, 120, missing=False), _table(12, 250, missing=False)
    query.loc[:3, "x"] = 25.0  # some blocks leave the reference span, the rest stay inside
    ours = distance.distances_to_closest(query, reference, TYPES)[0]
    oracle = calculate_dcr(dataset=query, reference_dataset=reference, metadata=_metadata()).to_numpy()
    np.testing.assert_allclose(ours, oracle, atol=1e-12)


def test_distance_histogram_gives_shares_of_every_distance():
    import numpy as np

    from synth.metrics.privacy.dcr import distance_histogram

    rng = np.random.default_rng(0)
    a, b = rng.uniform(0, 0.4, 500), rng.uniform(0, 0.8, 300)
    hist = distance_histogram(a, b)
    assert sum(hist["synthetic_to_train"]) == pytest.approx(1) and sum(
        hist["holdout_to_train"]
    ) == pytest.approx(1)
    expected, _ = np.histogram(a, np.asarray(hist["edges"]))
    np.testing.assert_allclose(hist["synthetic_to_train"], expected / 500)
