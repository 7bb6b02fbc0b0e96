"""Outliers and rare categories (norm 2: keep a few outliers).

Numbers use Tukey's fences (IQR) or the modified z-score on the median absolute deviation
(MAD); categories with under 1% of the rows are rare. Quantiles and the MAD come from numpy
and scipy; only the fences themselves are written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from synth.i18n import N_

_NORMAL_MAD = NormalDist().inv_cdf(0.75)  # the MAD of a standard normal variable

# Methods are identifiers; pages show them translated (hence N_).
IQR, MAD, RARE_CATEGORY = N_("iqr"), N_("mad"), N_("rare_category")
# The outlier table's columns (``OutlierReport.to_dict`` keys), as pages show them.
OUTLIER_FIELDS = (
    N_("column"),
    N_("method"),
    N_("count"),
    N_("lower"),
    N_("upper"),
    N_("rare_values"),
    N_("examples"),
)
IQR_FACTOR = 1.5
# Iglewicz and Hoaglin's cut-off for the modified z-score.
MAD_CUTOFF = 3.5
RARE_SHARE = 0.01
_EXAMPLES = 5


@dataclass
class OutlierReport:
    """Outliers of one column.

    Attributes:
        column: column name.
        method: ``iqr``, ``mad`` or ``rare_category``.
        count: rows flagged.
        lower, upper: fences for numbers (None for categories).
        rare_values: the rare categories, most frequent first.
        examples: a few flagged values, most extreme first.
    """

    column: str
    method: str
    count: int
    lower: float | None = None
    upper: float | None = None
    rare_values: list[str] = field(default_factory=list)
    examples: list = field(default_factory=list)

    def mask(self, series: pd.Series) -> pd.Series:
        """Which rows of ``series`` this report flags (for the same column's data)."""
        if self.method == RARE_CATEGORY:
            return series.astype(str).isin(self.rare_values) & series.notna()
        values = pd.to_numeric(series, errors="coerce")
        return (values < self.lower) | (values > self.upper)

    def to_dict(self) -> dict:
        """JSON-able form."""
        return {
            "column": self.column,
            "method": self.method,
            "count": self.count,
            "lower": self.lower,
            "upper": self.upper,
            "rare_values": list(self.rare_values),
            "examples": [_plain(v) for v in self.examples],
        }


def numeric_fences(values: pd.Series | np.ndarray, method: str = IQR) -> tuple[float, float]:
    """Lower and upper fence of a numeric sample (NaN ignored).

    ``iqr``: Q1 - 1.5 IQR and Q3 + 1.5 IQR. ``mad``: median -/+ 3.5 robust sigma, sigma being
    the normal-consistent MAD, or the mean absolute deviation * 1.2533 when the MAD is 0.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return float("nan"), float("nan")
    if method == IQR:
        q1, q3 = np.percentile(x, [25, 75])
        spread = q3 - q1
        return float(q1 - IQR_FACTOR * spread), float(q3 + IQR_FACTOR * spread)
    if method == MAD:
        median = float(np.median(x))
        # The MAD scaled to a normal sigma, as scipy's median_abs_deviation(scale="normal"),
        # written out: importing scipy.stats costs a command that only profiles a second or more.
        sigma = float(np.median(np.abs(x - median))) / _NORMAL_MAD
        if sigma == 0:
            sigma = float(np.mean(np.abs(x - median))) * 1.253314
        return median - MAD_CUTOFF * sigma, median + MAD_CUTOFF * sigma
    raise ValueError(
        f"unknown outlier method {method!r}; use 'iqr' or 'mad'"
    )  # a caller's bug, not the user's


def numeric_outliers(name: str, series: pd.Series, method: str = IQR) -> OutlierReport:
    """Flag values outside the fences of ``method``."""
    numbers = pd.to_numeric(series, errors="coerce").astype(float).to_numpy()
    # Quantiles and the median depend only on the sorted values, and selecting them from sorted
    # values is quicker than from the column. The MAD's fallback is a mean, whose rounding
    # depends on the order of the values, so it keeps the column's order.
    ordered = np.sort(numbers[~np.isnan(numbers)])
    lower, upper = numeric_fences(ordered if method == IQR else numbers, method)
    outside = numbers[(numbers < lower) | (numbers > upper)]
    examples: list[float] = []
    if outside.size:
        distance = np.abs(outside - np.median(ordered))
        examples = outside[np.argsort(-distance, kind="stable")][:_EXAMPLES].tolist()
    return OutlierReport(name, method, int(outside.size), lower, upper, examples=examples)


def rare_categories(
    name: str, series: pd.Series, share: float = RARE_SHARE, *, counts: pd.Series | None = None
) -> OutlierReport:
    """Flag categories that hold less than ``share`` of the non-missing rows.

    ``counts`` is ``series.dropna().astype(str).value_counts()`` when the caller has it already.
    """
    if counts is None:
        counts = series.dropna().astype(str).value_counts()
    total = counts.sum()
    rare = counts[counts < share * total] if total else counts.iloc[:0]
    return OutlierReport(
        name,
        RARE_CATEGORY,
        int(rare.sum()),
        rare_values=[str(v) for v in rare.index],
        examples=[str(v) for v in rare.index[:_EXAMPLES]],
    )


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value
