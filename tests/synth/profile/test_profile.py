"""profile_table: statistics against numpy/scipy oracles, quality, identifiers, speed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from synth.errors import InputError
from synth.intake import read_table
from synth.profile import numeric_fences, profile_table
from synth.profile.quality import (
    CONSTANT_COLUMN,
    DUPLICATE_ROWS,
    HIGH_MISSINGNESS,
    IMPOSSIBLE_VALUE,
    MIXED_TYPES,
)

RNG = np.random.default_rng(11)


@pytest.fixture(scope="module")
def mixed_frame() -> pd.DataFrame:
    n = 1000
    income = RNG.lognormal(10, 0.5, n)
    income[:7] = [1e7, 2e7, 3e7, -5e5, 4e7, 5e7, 6e7]
    colour = np.array(["White"] * 600 + ["Black"] * 395 + ["Green"] * 5)
    return pd.DataFrame(
        {
            "income": income,
            "colour": colour,
            "hours": np.where(RNG.random(n) < 0.3, np.nan, RNG.integers(1, 80, n).astype(float)),
        }
    )


def test_numeric_summary_matches_numpy(mixed_frame):
    column = profile_table(mixed_frame).column("hours")
    values = mixed_frame["hours"].dropna().to_numpy()
    assert column.type == "numerical"
    assert column.missing_share == pytest.approx(mixed_frame["hours"].isna().mean())
    assert column.distinct == len(np.unique(values))
    assert column.minimum == values.min() and column.maximum == values.max()
    for key, q in {"p01": 0.01, "p25": 0.25, "p50": 0.5, "p99": 0.99}.items():
        assert column.quantiles[key] == pytest.approx(np.quantile(values, q))
    assert column.std == pytest.approx(stats.tstd(values))


def test_iqr_fences_match_scipy_iqr(mixed_frame):
    values = mixed_frame["income"].to_numpy()
    lower, upper = numeric_fences(values, "iqr")
    q1 = np.percentile(values, 25)
    spread = stats.iqr(values)
    assert lower == pytest.approx(q1 - 1.5 * spread)
    assert upper == pytest.approx(q1 + spread + 1.5 * spread)
    report = profile_table(mixed_frame).outliers["income"]
    assert report.method == "iqr"
    assert report.count == int(((values < lower) | (values > upper)).sum())
    assert report.examples[0] == 6e7  # farthest from the median first
    assert report.mask(mixed_frame["income"]).sum() == report.count


def test_mad_fences_match_scipy_modified_z(mixed_frame):
    values = mixed_frame["income"].to_numpy()
    report = profile_table(mixed_frame, outlier_method="mad").outliers["income"]
    # Oracle: Iglewicz-Hoaglin modified z-score with scipy's normal-consistent MAD.
    z = (values - np.median(values)) / stats.median_abs_deviation(values, scale="normal")
    assert report.method == "mad"
    assert report.count == int((np.abs(z) > 3.5).sum())


def test_rare_categories_under_one_percent(mixed_frame):
    report = profile_table(mixed_frame).outliers["colour"]
    assert report.method == "rare_category"
    assert report.rare_values == ["Green"] and report.count == 5


def test_unknown_outlier_method_is_refused(mixed_frame):
    with pytest.raises(InputError, match="iqr"):
        profile_table(mixed_frame, outlier_method="zscore")


def test_quality_findings_and_score():
    frame = pd.DataFrame(
        {
            "age": [25, -3, 40, 150, 33, 33],
            "const": ["x"] * 6,
            "mostly_missing": [None, None, None, 1.0, None, 2.0],
            "code": ["1", "2", "3", "4", "oops", "6"],
            "k": [1, 2, 3, 4, 5, 5],
        }
    )
    frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    quality = profile_table(frame).quality
    kinds = {(f["kind"], f["column"]): f for f in quality.findings}
    assert kinds[(DUPLICATE_ROWS, None)]["count"] == 1
    assert kinds[(CONSTANT_COLUMN, "const")]["count"] == 7
    assert kinds[(HIGH_MISSINGNESS, "mostly_missing")]["count"] == 5
    assert kinds[(MIXED_TYPES, "code")]["count"] == 1 and "'oops'" in kinds[(MIXED_TYPES, "code")]["detail"]
    assert kinds[(IMPOSSIBLE_VALUE, "age")]["count"] == 2
    # Closed form of the documented score: 2 points per % duplicate rows (at most 20), 1 per %
    # missing cells, 3 per constant column, 5 per mixed-type column, 5 per column with
    # impossible values.
    expected = 100 - min(20, 200 * 1 / 7) - 100 * 5 / 35 - 3 - 5 - 5
    assert quality.score == pytest.approx(round(expected, 1))


def test_clean_table_scores_100():
    frame = pd.DataFrame({"a": RNG.normal(size=50), "b": RNG.choice(["u", "v"], 50)})
    quality = profile_table(frame).quality
    assert quality.score == 100 and quality.findings == []


def test_identifiers_direct_and_quasi():
    n = 100
    zips = [f"{z:05d}" for z in RNG.integers(10000, 99999, 30)]
    frame = pd.DataFrame(
        {
            "row": np.arange(n),
            "age": RNG.integers(18, 90, n),
            "Gender": RNG.choice(["male", "female"], n),
            "c7": RNG.choice(["Female", "Male"], n),
            "postcode_value": RNG.choice(zips, n),
            "c9": RNG.choice(zips, n),
            "maritalStatus": RNG.choice(["single", "married"], n),
            "年龄": RNG.integers(18, 90, n),
            "score": RNG.normal(size=n),
            "mail": [f"p{i}@x.cn" for i in range(n)],
        }
    )
    profile = profile_table(frame)
    assert set(profile.direct_identifiers()) == {"row", "mail"}
    assert set(profile.quasi_identifiers()) == {
        "age",
        "Gender",
        "c7",
        "postcode_value",
        "c9",
        "maritalStatus",
        "年龄",
    }


def test_to_dict_is_json_and_has_the_contract_keys(mixed_frame):
    frame = mixed_frame.assign(when=pd.date_range("2020-01-01", periods=len(mixed_frame)))
    data = json.loads(json.dumps(profile_table(frame).to_dict()))
    assert data["rows"] == len(frame)
    assert {"name", "type", "missing_share", "distinct", "pii", "quasi_identifier"} <= set(data["columns"][0])
    assert set(data["quality"]) == {"score", "findings"}
    assert data["outliers"]["colour"] == 5
    assert data["columns"][-1]["minimum"].startswith("2020-01-01")


def test_column_lookup_raises_for_unknown_name(mixed_frame):
    with pytest.raises(KeyError):
        profile_table(mixed_frame).column("nope")


def test_adult_profile(adult_path):
    profile = profile_table(read_table(adult_path).frame)
    assert profile.rows == 32561 and len(profile.columns) == 15
    for name in ("workclass", "occupation", "native-country"):
        assert profile.column(name).missing_share > 0
    assert profile.column("age").type == "numerical"
    assert profile.column("sex").quasi_identifier
    assert profile.pii_columns() == {}
    # Oracle: pandas counts the exact duplicate rows itself.
    reference = pd.read_csv(adult_path, na_values=["?"])
    (duplicates,) = profile.quality.of_kind(DUPLICATE_ROWS)
    assert duplicates["count"] == int(reference.duplicated().sum())


@pytest.mark.timeout(60)
def test_profiles_100k_rows_by_15_columns():
    n = 100_000
    frame = pd.DataFrame({f"num{i}": RNG.normal(size=n) for i in range(6)})
    for i in range(5):
        frame[f"cat{i}"] = RNG.choice([f"v{j}" for j in range(20)], n)
    frame["when"] = pd.Series(pd.date_range("2000-01-01", periods=n, freq="h")).dt.strftime("%Y-%m-%d %H:%M")
    frame["mail"] = [f"u{i % 3000}@example.com" for i in range(n)]
    frame["key"] = np.arange(n)
    frame["flag"] = RNG.choice(["yes", "no"], n)
    profile = profile_table(frame)
    assert len(profile.columns) == 15 and profile.column("mail").pii == "email"
    assert profile.column("key").type == "id" and profile.column("when").type == "datetime"
