"""Column pair trends: does the synthetic data keep how columns move together?

CorrelationSimilarity (Pearson, two continuous columns) and ContingencySimilarity (any
other pair) follow SDMetrics' "Column Pair Trends" property exactly:

* datetimes become nanoseconds; a continuous column paired with a discrete one is cut into
  10 bins by ``np.histogram_bin_edges`` of its own non-missing values (real and synthetic
  each with their own edges) and labelled by ``np.digitize`` (a missing value falls in the
  last label, as in SDMetrics);
* a missing discrete value is a category of its own (``groupby(dropna=False)``);
* Pearson uses pairwise-complete rows, and a column that is constant (in real or
  synthetic) gives no score.

As in SDMetrics' QualityReport, every pair gets its metric's score, but the property score
averages only pairs whose real data shows a relationship: |Pearson r| above 0.5, or
Cramér's V above 0.3 (``contributes`` in each entry says which).

It is re-implemented, rather than called, to score all pairs at once: each column is coded
once and every pair is one ``np.bincount``, where SDMetrics runs a pandas ``groupby`` per
pair. Unlike SDMetrics, no rows are subsampled above 50,000, so scores equal SDMetrics'
up to that size and are exact (not sampled) above it.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from synth.metrics.base import CONTINUOUS_TYPES, DISCRETE_TYPES, Metric, continuous_values, shared_codes

_MAX_DENSE_CELLS = 4_000_000
# SDMetrics' QualityReport defaults (sdmetrics.reports.utils).
REAL_CORRELATION_THRESHOLD = 0.5
REAL_ASSOCIATION_THRESHOLD = 0.3


class CorrelationSimilarity(Metric):
    """1 - |r_real - r_synthetic| / 2 for Pearson's r of two continuous columns (SDMetrics' name)."""

    name = "CorrelationSimilarity"

    @classmethod
    def compute(cls, real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
        """Score one pair given as two-column frames; NaN when a correlation is undefined."""
        real_values = np.column_stack([continuous_values(real[c]) for c in real.columns[:2]])
        synthetic_values = np.column_stack([continuous_values(synthetic[c]) for c in real.columns[:2]])
        return float(_correlation_scores(real_values, synthetic_values)[0][0, 1])


class ContingencySimilarity(Metric):
    """1 - total variation distance of the two-way tables of two discrete columns (SDMetrics' name)."""

    name = "ContingencySimilarity"

    @classmethod
    def compute(cls, real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
        """Score one pair of discrete columns given as two-column frames."""
        first, second = real.columns[:2]
        codes_real_a, codes_synthetic_a, size_a = shared_codes(real[first], synthetic[first])
        codes_real_b, codes_synthetic_b, size_b = shared_codes(real[second], synthetic[second])
        return _contingency_score(codes_real_a, codes_real_b, codes_synthetic_a, codes_synthetic_b, size_b)[0]


def _correlation_scores(real: np.ndarray, synthetic: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CorrelationSimilarity scores and real Pearson r between all columns of two float arrays."""
    real_corr = pd.DataFrame(real).corr(method="pearson").to_numpy()
    synthetic_corr = pd.DataFrame(synthetic).corr(method="pearson").to_numpy()
    scores = 1.0 - np.abs(real_corr - synthetic_corr) / 2.0
    constant = (_distinct_at_most_one(real)) | (_distinct_at_most_one(synthetic))
    scores[constant, :] = np.nan
    scores[:, constant] = np.nan
    return scores, real_corr


def _distinct_at_most_one(values: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        low, high = (
            np.nanmin(values, axis=0, initial=np.inf, where=~np.isnan(values)),
            np.nanmax(values, axis=0, initial=-np.inf, where=~np.isnan(values)),
        )
    return ~(high > low)


def _contingency_score(real_a, real_b, synthetic_a, synthetic_b, size_b: int) -> tuple[float, float]:
    """ContingencySimilarity score and the real table's Cramér's V."""
    real_cells = real_a * size_b + real_b
    synthetic_cells = synthetic_a * size_b + synthetic_b
    size_a = int(max(real_a.max(initial=0), synthetic_a.max(initial=0))) + 1
    if size_a * size_b <= _MAX_DENSE_CELLS:
        real_counts = np.bincount(real_cells, minlength=size_a * size_b)
        synthetic_counts = np.bincount(synthetic_cells, minlength=size_a * size_b)
        association = _cramers_v(real_counts.reshape(size_a, size_b))
    else:
        cells, inverse = np.unique(np.concatenate([real_cells, synthetic_cells]), return_inverse=True)
        real_counts = np.bincount(inverse[: real_cells.size], minlength=cells.size)
        synthetic_counts = np.bincount(inverse[real_cells.size :], minlength=cells.size)
        association = _sparse_cramers_v(real_a, real_b)
    variation = np.abs(real_counts / real_cells.size - synthetic_counts / synthetic_cells.size).sum() / 2.0
    return float(1.0 - variation), association


def _cramers_v(table: np.ndarray) -> float:
    """Cramér's V of the observed rows and columns of a real contingency table (as scipy's
    ``association(method="cramer")`` on the table SDMetrics builds from observed values)."""
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0].astype(float)
    n = table.sum()
    if n == 0 or min(table.shape) < 2:
        return float("nan")
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    chi2 = ((table - expected) ** 2 / expected).sum()
    return float(np.sqrt(chi2 / n / (min(table.shape) - 1)))


def _sparse_cramers_v(real_a: np.ndarray, real_b: np.ndarray) -> float:
    """Cramér's V from the non-empty cells only, for tables too large to hold densely.

    Uses chi2 = n * (sum n_ij^2 / (n_i. n_.j) - 1), equal to the dense formula.
    """
    n = real_a.size
    rows, row_index = np.unique(real_a, return_inverse=True)
    columns, column_index = np.unique(real_b, return_inverse=True)
    if n == 0 or min(rows.size, columns.size) < 2:
        return float("nan")
    row_totals = np.bincount(row_index).astype(float)
    column_totals = np.bincount(column_index).astype(float)
    _, cell_index, cell_counts = np.unique(
        row_index * columns.size + column_index, return_index=True, return_counts=True
    )
    ratio = (
        cell_counts.astype(float) ** 2
        / (row_totals[row_index[cell_index]] * column_totals[column_index[cell_index]])
    ).sum()
    return float(np.sqrt(max(ratio - 1.0, 0.0) / (min(rows.size, columns.size) - 1)))


def _binned(values: np.ndarray) -> np.ndarray:
    """Bin labels of one continuous column, exactly as SDMetrics discretises it."""
    edges = np.histogram_bin_edges(values[~np.isnan(values)])
    return np.digitize(values, bins=edges).astype(np.int64)


def column_pair_trends(
    real: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str], codes: dict | None = None
) -> list[dict]:
    """Score every pair of statistical columns, in column order.

    ``codes`` optionally holds ``{column: discrete_codes(...)}`` already computed.

    Returns:
        A list of ``{"columns": [a, b], "metric": name, "score": float|None,
        "real_correlation" or "real_association": float|None, "contributes": bool}``;
        ``contributes`` marks the pairs that the property score averages.
    """
    columns = [c for c, t in column_types.items() if t in CONTINUOUS_TYPES | DISCRETE_TYPES]
    continuous = [c for c in columns if column_types[c] in CONTINUOUS_TYPES]
    real_float = {c: continuous_values(real[c]) for c in continuous}
    synthetic_float = {c: continuous_values(synthetic[c]) for c in continuous}
    correlation, real_r = {}, {}
    if len(continuous) > 1:
        matrix, real_matrix = _correlation_scores(
            np.column_stack([real_float[c] for c in continuous]),
            np.column_stack([synthetic_float[c] for c in continuous]),
        )
        position = {c: i for i, c in enumerate(continuous)}
        for a, b in itertools.combinations(continuous, 2):
            correlation[(a, b)] = matrix[position[a], position[b]]
            real_r[(a, b)] = real_matrix[position[a], position[b]]
    known = codes or {}
    codes: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
    for column in columns:
        if column in real_float:
            real_bins, synthetic_bins = _binned(real_float[column]), _binned(synthetic_float[column])
            codes[column] = (
                real_bins,
                synthetic_bins,
                int(max(real_bins.max(initial=0), synthetic_bins.max(initial=0))) + 1,
            )
        elif column in known:
            codes[column] = known[column][:3]
        else:
            codes[column] = shared_codes(real[column], synthetic[column])
    result = []
    for first, second in itertools.combinations(columns, 2):
        if (first, second) in correlation:
            metric, score, strength = (
                CorrelationSimilarity.name,
                correlation[(first, second)],
                real_r[(first, second)],
            )
            entry = {"real_correlation": _or_none(strength)}
            contributes = (
                bool(abs(strength) > REAL_CORRELATION_THRESHOLD) if not np.isnan(strength) else False
            )
        else:
            real_a, synthetic_a, _ = codes[first]
            real_b, synthetic_b, size_b = codes[second]
            metric = ContingencySimilarity.name
            score, strength = _contingency_score(real_a, real_b, synthetic_a, synthetic_b, size_b)
            entry = {"real_association": _or_none(strength)}
            contributes = bool(strength > REAL_ASSOCIATION_THRESHOLD) if not np.isnan(strength) else False
        contributes = contributes and not np.isnan(score)
        result.append(
            {
                "columns": [first, second],
                "metric": metric,
                "score": _or_none(score),
                **entry,
                "contributes": contributes,
            }
        )
    return result


def _or_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def pair_trends_score(entries: list[dict]) -> float | None:
    """The property score: mean of the contributing pairs (None when there are none)."""
    scores = [e["score"] for e in entries if e["contributes"]]
    return float(np.mean(scores)) if scores else None
