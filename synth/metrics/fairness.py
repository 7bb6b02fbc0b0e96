"""Fairness: how protected groups and their outcomes look in real and synthetic data.

For each protected attribute, per group: its share of rows and its positive-label rate,
then the demographic-parity difference (highest group rate - lowest) and the
disparate-impact ratio (lowest rate / highest; the "four-fifths rule" asks >= 0.8).

The positive class is ``positive_class`` when given; otherwise the label value that
reads as favourable (">50K", "yes", "true", "1", "good", "approved", "positive", ...);
otherwise the minority class; for a numeric label, a value above the real median. A
continuous protected attribute is cut into four quantile groups of the real data.

For a bias-correction dataset, ``bias_target`` gives the intended group shares
(``{column: {value: share}}``); the result lists target, real and achieved share per
value, and the columns that differ from the real data on purpose.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from synth.i18n import N_
from synth.metrics.base import CONTINUOUS_TYPES

_FAVOURABLE = re.compile(
    r"^\s*(>.*|yes|y|true|1|1\.0|good|approved?|accept(ed)?|positive|pos|hired|granted|paid|success)\s*\.?$",
    re.I,
)
_MISSING_GROUP = "(missing)"
# Headers of the per-group table (the result's keys stay as they are).
GROUP_COLUMNS = {
    "group": N_("group"),
    "real_share": N_("real share"),
    "synthetic_share": N_("synthetic share"),
    "real_label_rate": N_("real label rate"),
    "synthetic_label_rate": N_("synthetic label rate"),
}


def choose_positive_class(labels: pd.Series, positive_class=None) -> tuple[object, str]:
    """The positive class and the rule that picked it."""
    values = labels.dropna()
    if positive_class is not None:
        return positive_class, N_("given")
    distinct = list(pd.unique(values))
    favourable = [v for v in distinct if _FAVOURABLE.match(str(v))]
    if len(favourable) == 1:
        return favourable[0], N_("favourable-looking value")
    counts = values.value_counts()
    return counts.index[-1], N_("minority class")


def _groups(column: pd.Series, edges: np.ndarray | None) -> pd.Series:
    if edges is not None:
        binned = pd.cut(
            pd.to_numeric(column, errors="coerce"), bins=edges, include_lowest=True, duplicates="drop"
        )
        return binned.astype(str).where(binned.notna(), _MISSING_GROUP)
    return column.astype(str).where(column.notna(), _MISSING_GROUP)


def _rates(groups: pd.Series, positive: pd.Series | None) -> tuple[pd.Series, pd.Series | None]:
    shares = groups.value_counts(normalize=True)
    if positive is None:
        return shares, None
    return shares, positive.groupby(groups.to_numpy()).mean()


def parity(rates: pd.Series | None) -> dict:
    """Demographic-parity difference and disparate-impact ratio of group positive rates."""
    if rates is None or rates.empty:
        return {"demographic_parity_difference": None, "disparate_impact_ratio": None}
    high, low = float(rates.max()), float(rates.min())
    return {
        "demographic_parity_difference": high - low,
        "disparate_impact_ratio": (low / high) if high > 0 else None,
    }


def fairness(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    protected,
    *,
    column_types: dict[str, str],
    label: str | None = None,
    positive_class=None,
    bias_target: dict | None = None,
) -> dict:
    """Group shares, label rates and parity gaps per protected attribute, real vs synthetic."""
    result: dict = {"label": label, "attributes": {}}
    real_positive = synthetic_positive = None
    if label is not None and column_types.get(label) in CONTINUOUS_TYPES and positive_class is None:
        # A numeric outcome: "positive" is above the real median.
        median = float(np.nanmedian(pd.to_numeric(real[label], errors="coerce")))
        result.update(positive_class=f"> {median:g}", positive_class_rule=N_("above the real median"))
        real_positive, synthetic_positive = (
            (pd.to_numeric(f[label], errors="coerce") > median).astype(float).where(f[label].notna())
            for f in (real, synthetic)
        )
    elif label is not None:
        positive, rule = choose_positive_class(real[label], positive_class)
        result.update(positive_class=_jsonable(positive), positive_class_rule=rule)
        real_positive = _is(real[label], positive)
        synthetic_positive = _is(synthetic[label], positive)
    for column in protected:
        edges = None
        if column_types.get(column) in CONTINUOUS_TYPES and real[column].nunique() > 10:
            edges = np.unique(
                np.nanquantile(pd.to_numeric(real[column], errors="coerce"), [0, 0.25, 0.5, 0.75, 1])
            )
        real_shares, real_rates = _rates(_groups(real[column], edges), real_positive)
        synthetic_shares, synthetic_rates = _rates(_groups(synthetic[column], edges), synthetic_positive)
        names = list(dict.fromkeys(list(real_shares.index) + list(synthetic_shares.index)))
        result["attributes"][column] = {
            "groups": [
                {
                    "group": name,
                    "real_share": float(real_shares.get(name, 0.0)),
                    "synthetic_share": float(synthetic_shares.get(name, 0.0)),
                    "real_label_rate": _get(real_rates, name),
                    "synthetic_label_rate": _get(synthetic_rates, name),
                }
                for name in names
            ],
            "real": parity(real_rates),
            "synthetic": parity(synthetic_rates),
        }
    if bias_target:
        result["bias_target"] = _target_vs_achieved(real, synthetic, bias_target)
        result["columns_differing_on_purpose"] = sorted(bias_target)
    return result


def _is(values: pd.Series, positive) -> pd.Series:
    matches = (values == positive) | (values.astype(str) == str(positive))
    return matches.astype(float).where(values.notna())


def _get(rates: pd.Series | None, name: str) -> float | None:
    if rates is None or name not in rates.index or pd.isna(rates[name]):
        return None
    return float(rates[name])


def _target_vs_achieved(real: pd.DataFrame, synthetic: pd.DataFrame, bias_target: dict) -> dict:
    out = {}
    for column, targets in bias_target.items():
        real_shares = real[column].astype(str).value_counts(normalize=True)
        synthetic_shares = synthetic[column].astype(str).value_counts(normalize=True)
        rows = []
        for value, target in targets.items():
            achieved = float(synthetic_shares.get(str(value), 0.0))
            rows.append(
                {
                    "value": str(value),
                    "target": float(target),
                    "real": float(real_shares.get(str(value), 0.0)),
                    "achieved": achieved,
                    "gap": achieved - float(target),
                }
            )
        out[column] = rows
    return out


def _jsonable(value):
    return value.item() if isinstance(value, np.generic) else value
