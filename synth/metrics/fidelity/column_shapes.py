"""Column shapes: does each synthetic column have the real column's distribution?

KSComplement (numerical, datetime) and TVComplement (categorical, boolean, ordinal) give
the same numbers as ``sdmetrics.single_column`` and, averaged, as the "Column Shapes"
property of SDMetrics' QualityReport. They are re-implemented only to work on numpy arrays
in one pass (SDMetrics counts categories with a Python ``Counter``), which keeps a
100k-row evaluation within its time budget.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from synth.metrics.base import CONTINUOUS_TYPES, DISCRETE_TYPES, Metric, continuous_values, discrete_codes

# SDMetrics rounds to this many decimals before the KS test, so float noise is no difference.
_KS_DECIMALS = sys.float_info.dig - 1
# SDMetrics gives a category seen only in the synthetic data this tiny real count.
_UNSEEN_REAL_COUNT = 1e-6


def ks_statistic(real: np.ndarray, synthetic: np.ndarray) -> float:
    """Two-sample Kolmogorov-Smirnov D, computed as ``scipy.stats.ks_2samp`` does."""
    real, synthetic = np.sort(real), np.sort(synthetic)
    both = np.concatenate([real, synthetic])
    cdf_real = np.searchsorted(real, both, side="right") / real.size
    cdf_synthetic = np.searchsorted(synthetic, both, side="right") / synthetic.size
    differences = cdf_real - cdf_synthetic
    return float(max(np.clip(-differences.min(), 0, 1), differences.max()))


class KSComplement(Metric):
    """1 minus the Kolmogorov-Smirnov D statistic of two continuous columns (SDMetrics' name)."""

    name = "KSComplement"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """Return 1 - D over the non-missing values; NaN when either side has none."""
        real_values = _ks_ready(pd.Series(real))
        synthetic_values = _ks_ready(pd.Series(synthetic))
        if real_values.size == 0 or synthetic_values.size == 0:
            return float("nan")
        return 1.0 - ks_statistic(real_values, synthetic_values)


def _ks_ready(column: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(column):
        # Exact integers: float64 would merge nanosecond timestamps that differ slightly.
        return column.dropna().to_numpy(dtype="datetime64[ns]").astype("int64")
    values = continuous_values(column)
    return np.round(values[~np.isnan(values)], _KS_DECIMALS)


class TVComplement(Metric):
    """1 minus the total variation distance of two discrete columns (SDMetrics' name)."""

    name = "TVComplement"

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """Return 1 - TV over the non-missing values; NaN when either side has none."""
        return tv_complement_from_codes(*discrete_codes(pd.Series(real), pd.Series(synthetic)))


def tv_complement_from_codes(
    real_codes: np.ndarray, synthetic_codes: np.ndarray, size: int, missing_code: int
) -> float:
    """TVComplement of two columns already coded by ``discrete_codes``."""
    real_counts = np.bincount(real_codes, minlength=size).astype("float64")
    synthetic_counts = np.bincount(synthetic_codes, minlength=size).astype("float64")
    if missing_code >= 0:
        real_counts[missing_code] = synthetic_counts[missing_code] = 0.0
    synthetic_total = synthetic_counts.sum()
    if real_counts.sum() == 0 or synthetic_total == 0:
        return float("nan")
    real_counts[(real_counts == 0) & (synthetic_counts > 0)] = _UNSEEN_REAL_COUNT
    keep = (real_counts > 0) | (synthetic_counts > 0)
    real_share = real_counts[keep] / real_counts[keep].sum()
    synthetic_share = synthetic_counts[keep] / synthetic_total
    return 1.0 - 0.5 * float(np.abs(synthetic_share - real_share).sum())


def metric_for(column_type: str) -> type[Metric] | None:
    """The column-shape metric for a column type, or None for skipped types (id, text...)."""
    if column_type in CONTINUOUS_TYPES:
        return KSComplement
    if column_type in DISCRETE_TYPES:
        return TVComplement
    return None


def column_shapes(
    real: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str], codes: dict | None = None
) -> dict[str, dict]:
    """Score every statistical column: ``{column: {"metric": name, "score": float|None}}``.

    Args:
        codes: optional ``{column: discrete_codes(...)}`` already computed, to reuse.
    """
    result: dict[str, dict] = {}
    codes = codes or {}
    for column, column_type in column_types.items():
        metric = metric_for(column_type)
        if metric is None:
            continue
        if metric is TVComplement and column in codes:
            score = tv_complement_from_codes(*codes[column])
        else:
            score = metric.compute(real[column], synthetic[column])
        result[column] = {"metric": metric.name, "score": None if np.isnan(score) else float(score)}
    return result
