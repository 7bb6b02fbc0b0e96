"""Which of the preference model's leading features are protected attributes or stand in for one.

A feature belongs to the table column whose name it starts with (one-hot features read
``<column>_<value>``, context features ``<column> ...``). For each of the model's largest
weights, the association between its column and each protected attribute is measured on
the rows as Cramér's V (``scipy.stats.contingency.association``; numeric columns are cut
into quintiles first). A feature is named when its column is protected, or when V reaches
``PROXY_THRESHOLD`` (0.3, conventionally a moderate-to-strong association).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats.contingency import association

from synth.i18n import Msg

PROXY_THRESHOLD = 0.3
TOP_FEATURES = 10


@dataclass(frozen=True)
class ProxyFeature:
    feature: str
    column: str
    protected: str
    cramers_v: float


def feature_column(feature: str, columns: list[str]) -> str | None:
    """The column a feature was made from: the longest column name it starts with."""
    matches = [
        c for c in columns if feature == c or feature.startswith(c + "_") or feature.startswith(c + " ")
    ]
    return max(matches, key=len) if matches else None


def _categories(series: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(series) and series.nunique() > 10:
        return pd.qcut(series, 5, duplicates="drop").astype(str)
    return series.astype(str)


def cramers_v(a: pd.Series, b: pd.Series) -> float:
    """Cramér's V between two columns (NaN when either has a single category)."""
    table = pd.crosstab(_categories(a), _categories(b)).to_numpy()
    if min(table.shape) < 2:
        return float("nan")
    return float(association(table, method="cramer"))


def proxy_features(
    weights: pd.Series, rows: pd.DataFrame, protected: list[str], top: int = TOP_FEATURES
) -> list[ProxyFeature]:
    """Leading features (by absolute weight) tied to a protected attribute, strongest first."""
    protected = [p for p in protected if p in rows.columns]
    if not protected or weights.empty:
        return []
    columns = [str(c) for c in rows.columns]
    leading = weights.iloc[np.argsort(-np.abs(weights.to_numpy()), kind="stable")][:top]
    found = []
    for feature in leading.index:
        column = feature_column(str(feature), columns)
        if column is None:
            continue
        for attribute in protected:
            v = 1.0 if column == attribute else cramers_v(rows[column], rows[attribute])
            if v == v and v >= PROXY_THRESHOLD:
                found.append(ProxyFeature(str(feature), column, attribute, v))
    return sorted(found, key=lambda p: -p.cramers_v)


def proxy_warning(found: list[ProxyFeature]) -> Msg | None:
    if not found:
        return None
    named = ", ".join(f"{p.feature} ({p.protected}, V = {p.cramers_v:.2f})" for p in found)
    return Msg(
        "The preference model leans on protected attributes or columns tied to them: {features}. "
        "Accepting by its scores may shift group balance; check the acceptance preview.",
        features=named,
    )
