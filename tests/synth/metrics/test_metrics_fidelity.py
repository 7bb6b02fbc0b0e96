"""Column shapes and pair trends against SDMetrics itself (the oracle)."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
import pytest
from sdmetrics import column_pairs, single_column
from sdmetrics.reports.single_table import QualityReport

from synth.metrics.base import infer_column_types
from synth.metrics.evaluate import fidelity
from synth.metrics.fidelity.column_shapes import KSComplement, TVComplement, column_shapes
from synth.metrics.fidelity.pair_trends import (
    ContingencySimilarity,
    CorrelationSimilarity,
    column_pair_trends,
)

TOLERANCE = 1e-9


def _random_mixed(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "x": rng.normal(size=rows),
            "y": rng.exponential(size=rows) * 100,
            "n": rng.integers(0, 20, size=rows).astype(float),
            "c": rng.choice(["a", "b", "c", "d"], size=rows, p=[0.4, 0.3, 0.2, 0.1]).astype(object),
            "b": rng.choice([True, False], size=rows).astype(object),
            "t": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**6, size=rows), unit="min"),
        }
    )
    frame["y"] = frame["y"] + 80 * frame["x"]
    frame.loc[frame["c"] == "a", "b"] = True
    for column, share in (("x", 0.1), ("c", 0.15), ("b", 0.05), ("t", 0.1), ("n", 0.02)):
        frame.loc[rng.random(rows) < share, column] = None
    return frame


TYPES = {
    "x": "numerical",
    "y": "numerical",
    "n": "numerical",
    "c": "categorical",
    "b": "boolean",
    "t": "datetime",
}


@pytest.fixture(scope="module")
def adult(adult_path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    # All 32,561 rows: below SDMetrics' 50,000-row subsampling, so every pair must agree.
    real = pd.read_csv(adult_path, na_values="?", skipinitialspace=True)
    # A "synthetic" table whose first half keeps real rows and second half resamples each
    # column independently, so some relationships survive and others do not.
    rows = real.sample(30000, random_state=1, replace=True).reset_index(drop=True)
    shuffled = {c: rows[c].sample(frac=1, random_state=i).to_numpy() for i, c in enumerate(rows.columns)}
    synthetic = pd.concat([rows.iloc[:15000], pd.DataFrame(shuffled).iloc[15000:]], ignore_index=True)
    return real, synthetic, infer_column_types(real)


def _sdmetrics_report(real, synthetic, types) -> QualityReport:
    metadata = {"columns": {c: {"sdtype": t} for c, t in types.items()}}
    report = QualityReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report.generate(real, synthetic, metadata, verbose=False)
    return report


def _report_style_contingency(real, synthetic, a, b, continuous):
    """ContingencySimilarity with continuous columns binned the way the report bins them."""

    def prepared(frame):
        out = frame[[a, b]].copy()
        for column in continuous:
            values = (
                pd.to_numeric(out[column])
                if not pd.api.types.is_datetime64_any_dtype(out[column])
                else pd.Series(
                    out[column].astype("int64").where(out[column].notna()), index=out.index, dtype=float
                )
            )
            out[column] = np.digitize(values, bins=np.histogram_bin_edges(values.dropna()))
        return out

    return column_pairs.ContingencySimilarity.compute(prepared(real), prepared(synthetic))


def _check_against_sdmetrics(real, synthetic, types):
    shapes = column_shapes(real, synthetic, types)
    for column, entry in shapes.items():
        oracle = (
            single_column.KSComplement if entry["metric"] == "KSComplement" else single_column.TVComplement
        )
        assert entry["score"] == pytest.approx(
            oracle.compute(real[column], synthetic[column]), abs=TOLERANCE
        ), column
    trends = column_pair_trends(real, synthetic, types)
    report = _sdmetrics_report(real, synthetic, types)
    details = report.get_details("Column Pair Trends").set_index(["Column 1", "Column 2"])
    assert len(trends) == len(details)
    for entry in trends:
        row = details.loc[tuple(entry["columns"])]
        assert entry["metric"] == row["Metric"]
        # The report scores only pairs related in the real data; the others must agree with
        # the metric class itself, without the report's threshold.
        assert entry["contributes"] == bool(
            row["Meets Threshold?"] is True or row["Meets Threshold?"] == True  # noqa: E712 -- numpy's True is not ``True``
        ), entry
        if entry["contributes"]:
            assert entry["score"] == pytest.approx(row["Score"], abs=TOLERANCE), entry
        else:
            oracle = getattr(column_pairs, entry["metric"])
            a, b = entry["columns"]
            if entry["metric"] == "ContingencySimilarity":
                continuous = [c for c in (a, b) if types[c] in ("numerical", "datetime")]
                expected = _report_style_contingency(real, synthetic, a, b, continuous)
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        expected = oracle.compute(real[[a, b]], synthetic[[a, b]])
                    except Exception:
                        expected = float("nan")
            if pd.isna(expected):
                assert entry["score"] is None, entry
            else:
                assert entry["score"] == pytest.approx(expected, abs=TOLERANCE), entry
    properties = report.get_properties().set_index("Property")["Score"]
    ours = fidelity(real, synthetic, types)
    assert ours["column_shapes_score"] == pytest.approx(properties["Column Shapes"], abs=TOLERANCE)
    assert ours["column_pair_trends_score"] == pytest.approx(properties["Column Pair Trends"], abs=TOLERANCE)
    assert ours["overall"] == pytest.approx(report.get_score(), abs=TOLERANCE)


def test_adult_matches_sdmetrics_quality_report(adult):
    _check_against_sdmetrics(*adult)
    trends = column_pair_trends(*adult)
    assert any(e["contributes"] for e in trends) and not all(e["contributes"] for e in trends)


@pytest.mark.parametrize("seed", [0, 1])
def test_random_mixed_with_missing_values_matches_sdmetrics(seed):
    real, synthetic = _random_mixed(seed, 900), _random_mixed(seed + 10, 700)
    synthetic.loc[:5, "c"] = "only-in-synthetic"
    _check_against_sdmetrics(real, synthetic, TYPES)
    assert any(e["contributes"] for e in column_pair_trends(real, synthetic, TYPES))


def test_single_metrics_match_sdmetrics_classes():
    real, synthetic = _random_mixed(3, 500), _random_mixed(4, 400)
    for column in ("x", "y", "t"):
        assert KSComplement.compute(real[column], synthetic[column]) == pytest.approx(
            single_column.KSComplement.compute(real[column], synthetic[column]), abs=TOLERANCE
        )
    for column in ("c", "b"):
        assert TVComplement.compute(real[column], synthetic[column]) == pytest.approx(
            single_column.TVComplement.compute(real[column], synthetic[column]), abs=TOLERANCE
        )
    assert CorrelationSimilarity.compute(real[["x", "y"]], synthetic[["x", "y"]]) == pytest.approx(
        column_pairs.CorrelationSimilarity.compute(real[["x", "y"]], synthetic[["x", "y"]]), abs=TOLERANCE
    )
    for pair in itertools.combinations(["c", "b"], 2):
        cols = list(pair)
        assert ContingencySimilarity.compute(real[cols], synthetic[cols]) == pytest.approx(
            column_pairs.ContingencySimilarity.compute(real[cols], synthetic[cols]), abs=TOLERANCE
        )


def test_constant_column_gives_no_correlation_score():
    real = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "k": [5.0] * 4})
    synthetic = pd.DataFrame({"a": [1.0, 3.0, 2.0, 4.0], "k": [1.0, 2.0, 3.0, 4.0]})
    assert column_pair_trends(real, synthetic, {"a": "numerical", "k": "numerical"})[0]["score"] is None


def test_skipped_types_are_left_out():
    real = pd.DataFrame({"id": ["a", "b", "c"], "v": [1.0, 2.0, 3.0]})
    shapes = column_shapes(real, real, {"id": "id", "v": "numerical"})
    assert list(shapes) == ["v"] and shapes["v"]["score"] == 1.0
