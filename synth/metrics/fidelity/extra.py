"""Further per-column fidelity: Wasserstein, chi-square, missing values and coverage.

``MissingValueSimilarity``, ``RangeCoverage`` and ``CategoryCoverage`` carry SDMetrics'
names and give SDMetrics' numbers. ``WassersteinSimilarity`` and ``ChiSquarePValue`` have
no SDMetrics twin: the first is scipy's Wasserstein distance divided by the real range
(so 0 is identical and 1 is a shift by the whole range), reported as 1 - distance and
clipped to [0, 1]; the second is scipy's chi-square test of the synthetic category counts
against the real shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from synth.metrics.base import CONTINUOUS_TYPES, DISCRETE_TYPES, Metric, continuous_values, shared_codes


class WassersteinSimilarity(Metric):
    """1 - Wasserstein distance / real range, of two continuous columns."""

    name = "WassersteinSimilarity"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """NaN when a side has no values or the real column is constant."""
        real_values, synthetic_values = _present(real), _present(synthetic)
        if real_values.size == 0 or synthetic_values.size == 0:
            return float("nan")
        spread = real_values.max() - real_values.min()
        if spread == 0:
            return float("nan")
        distance = stats.wasserstein_distance(real_values, synthetic_values) / spread
        return float(np.clip(1.0 - distance, 0.0, 1.0))


class ChiSquarePValue(Metric):
    """p-value of a chi-square test: are the synthetic categories drawn with the real shares?

    Categories absent from the real data get a tiny expected share so the test stays
    defined; missing values are dropped.
    """

    name = "ChiSquarePValue"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """A p-value in [0, 1]; high means no evidence of a difference."""
        real, synthetic = pd.Series(real).dropna(), pd.Series(synthetic).dropna()
        if real.empty or synthetic.empty:
            return float("nan")
        real_codes, synthetic_codes, size = shared_codes(real, synthetic)
        observed = np.bincount(synthetic_codes, minlength=size).astype(float)
        expected_share = np.bincount(real_codes, minlength=size).astype(float)
        expected_share[expected_share == 0] = 1e-6
        expected = expected_share / expected_share.sum() * observed.sum()
        if size < 2:
            return 1.0
        return float(stats.chisquare(observed, expected).pvalue)


class MissingValueSimilarity(Metric):
    """1 - |real missing rate - synthetic missing rate| (SDMetrics' name)."""

    name = "MissingValueSimilarity"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """A score in [0, 1]."""
        real, synthetic = pd.Series(real), pd.Series(synthetic)
        return float(1 - abs(real.isna().sum() / len(real) - synthetic.isna().sum() / len(synthetic)))


class RangeCoverage(Metric):
    """Share of the real [min, max] range that the synthetic values span (SDMetrics' name)."""

    name = "RangeCoverage"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """NaN when the real column is constant."""
        real_values, synthetic_values = _present(real), _present(synthetic)
        if real_values.size == 0 or synthetic_values.size == 0:
            return float("nan")
        low, high = real_values.min(), real_values.max()
        if low == high:
            return float("nan")
        below = max((synthetic_values.min() - low) / (high - low), 0)
        above = max((high - synthetic_values.max()) / (high - low), 0)
        return float(max(1 - (below + above), 0))


class CategoryCoverage(Metric):
    """Share of the real categories that appear in the synthetic data (SDMetrics' name)."""

    name = "CategoryCoverage"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """NaN when the real column has no values."""
        real, synthetic = pd.Series(real).dropna(), pd.Series(synthetic).dropna()
        if real.empty:
            return float("nan")
        real_codes, synthetic_codes, size = shared_codes(real, synthetic)
        in_real = np.bincount(real_codes, minlength=size) > 0
        in_synthetic = np.bincount(synthetic_codes, minlength=size) > 0
        return float((in_real & in_synthetic).sum() / in_real.sum())


def _present(column) -> np.ndarray:
    values = continuous_values(pd.Series(column))
    return values[~np.isnan(values)]


def extra_fidelity(
    real: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str]
) -> dict[str, dict]:
    """Per column: ``{metric name: score or None}`` for the metrics that fit its type."""
    result = {}
    for column, column_type in column_types.items():
        if column_type in CONTINUOUS_TYPES:
            metrics = (WassersteinSimilarity, RangeCoverage, MissingValueSimilarity)
        elif column_type in DISCRETE_TYPES:
            metrics = (ChiSquarePValue, CategoryCoverage, MissingValueSimilarity)
        else:
            continue
        scores = {m.name: m.compute(real[column], synthetic[column]) for m in metrics}
        result[column] = {name: None if np.isnan(s) else float(s) for name, s in scores.items()}
    return result
