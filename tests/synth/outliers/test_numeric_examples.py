"""Numeric outlier reports equal the plain pandas rule: flag outside the fences, nearest the median last."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.outliers.detect import IQR, MAD, numeric_fences, numeric_outliers


def _plain(series: pd.Series, method: str) -> tuple[int, list[float]]:
    values = pd.to_numeric(series, errors="coerce").astype(float)
    lower, upper = numeric_fences(values, method)
    outside = values[(values < lower) | (values > upper)]
    order = np.argsort(-np.abs(outside.to_numpy() - values.median()), kind="stable")
    return int(outside.size), outside.iloc[order].head(5).tolist()


def _columns() -> dict[str, pd.Series]:
    rng = np.random.default_rng(4)
    ties = pd.Series([10.0] * 50 + [100.0, -80.0, 100.0, -80.0, 100.0, -80.0, 500.0])  # equal distances
    with_missing = pd.Series(np.r_[rng.normal(0, 1, 500), [np.nan] * 40, [9.0, -9.0, 12.0]])
    return {
        "ties": ties,
        "with_missing": with_missing,
        "no_outliers": pd.Series(np.arange(100)),
        "all_missing": pd.Series([np.nan] * 10),
        "empty": pd.Series([], dtype=float),
        "nullable_ints": pd.Series([1, 2, 3, None, 2, 1, 400], dtype="Int64"),
        "text_numbers": pd.Series(["1", "2", "x", "2", "3", "250", None], dtype=object),
        "constant": pd.Series([5] * 30 + [6]),
        "infinite": pd.Series([1.0, 2.0, np.inf, -np.inf, 3.0, np.inf, -np.inf, 4.0, np.nan]),
        "huge": pd.Series([1e308] * 4 + [-1e308] * 3 + [0.0, 5.0]),
        "long_with_ties": pd.Series(np.r_[np.repeat(np.arange(40.0), 30), [1e4, -1e4] * 7, [np.nan] * 9]),
    }


@pytest.mark.filterwarnings("ignore:Mean of empty slice")  # the plain rule on no numbers
@pytest.mark.parametrize("method", [IQR, MAD])
@pytest.mark.parametrize("name", list(_columns()))
def test_count_and_examples_equal_the_plain_rule(name, method):
    series = _columns()[name]
    report = numeric_outliers(name, series, method)
    assert (report.count, report.examples) == _plain(series, method)
    assert all(type(v) is float for v in report.examples)
