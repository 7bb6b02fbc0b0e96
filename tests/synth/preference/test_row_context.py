"""Tests for synth.preference.row_context: oracles are scipy's percentileofscore and hand-built tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import percentileofscore

from synth.errors import InputError
from synth.preference.row_context import OUT_OF_RANGE, RARE, UNSEEN, RowContext


@pytest.fixture()
def real() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 400
    colour = np.array(["red"] * 250 + ["blue"] * 147 + ["green"] * 3)  # green: 0.75% -> rare
    size = np.where(colour == "red", "small", "large")  # red is always small, blue/green large
    return pd.DataFrame(
        {"age": rng.integers(18, 80, n), "income": rng.normal(50, 10, n), "colour": colour, "size": size}
    )


def test_percentiles_match_scipy_mean_kind(real):
    ctx = RowContext.fit(real)
    synth = pd.DataFrame(
        {
            "age": [18, 40, 79, 100, 5],
            "income": [50.0, 20.0, 80.0, 51.5, 49.0],
            "colour": ["red"] * 5,
            "size": ["small"] * 5,
        }
    )
    pct = ctx.percentiles(synth)
    for col in ("age", "income"):
        expected = [percentileofscore(real[col], v, kind="mean") for v in synth[col]]
        np.testing.assert_allclose(pct[col], expected)


def test_out_of_range_badges_only_outside_real_min_max(real):
    ctx = RowContext.fit(real)
    lo, hi = real["income"].min(), real["income"].max()
    synth = pd.DataFrame(
        {"age": [30, 30, 30], "income": [lo - 1, hi, hi + 1], "colour": ["red"] * 3, "size": ["small"] * 3}
    )
    reports = ctx.describe(synth)
    income_badges = [next(v.badges for v in r.values if v.column == "income") for r in reports]
    assert income_badges == [(OUT_OF_RANGE,), (), (OUT_OF_RANGE,)]
    assert ctx.out_of_range(synth)["income"].tolist() == [True, False, True]


def test_rare_and_unseen_values_and_unseen_pairs(real):
    ctx = RowContext.fit(real)
    synth = pd.DataFrame(
        {
            "age": [30] * 4,
            "income": [50.0] * 4,
            "colour": ["red", "green", "purple", "red"],
            "size": ["small", "large", "large", "large"],
        }
    )
    reports = ctx.describe(synth)
    colour = [next(v for v in r.values if v.column == "colour") for r in reports]
    assert colour[0].badges == () and colour[0].share == pytest.approx(250 / 400)
    assert colour[1].badges == (RARE,) and colour[1].share == pytest.approx(3 / 400)
    assert colour[2].badges == (UNSEEN,) and colour[2].share == 0.0
    # red+large never occurs in the real table; purple is already badged unseen, so no pair for it.
    assert [r.unseen_pairs for r in reports] == [[], [], [], [("colour", "size")]]
    assert ctx.unseen_pair_count(synth).tolist() == [0, 0, 0, 1]
    assert reports[0].badge_count == 0 and reports[3].badge_count == 1


def test_missing_columns_raise_a_clear_error(real):
    ctx = RowContext.fit(real)
    with pytest.raises(InputError, match="lack the real table's columns"):
        ctx.describe(real.drop(columns=["income"]))


def test_dates_compare_whatever_their_resolution_and_missing_values_are_badged():
    real = pd.DataFrame({"day": pd.date_range("2020-01-01", periods=200, freq="D"), "x": np.arange(200.0)})
    synth = pd.DataFrame(
        {
            "day": pd.to_datetime(["2019-06-01", "2020-03-01"]).astype("datetime64[s]"),
            "x": [np.nan, 3.0],
        }
    )
    ctx = RowContext.fit(real)
    expected = percentileofscore(real["day"].astype("int64"), pd.Timestamp("2020-03-01").value, kind="mean")
    np.testing.assert_allclose(ctx.percentiles(synth)["day"], [0.0, expected])
    first = ctx.describe(synth)[0].values
    assert first[0].badges == (OUT_OF_RANGE,)
    assert first[1].percentile is None and first[1].badges == ("missing",)
