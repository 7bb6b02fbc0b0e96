"""Context that lets a reviewer judge a synthetic row without seeing any real row.

For every value of a synthetic row we report where it sits in the real data: the
percentile of a numeric value, the share of a categorical value, and badges for values
that are rare, unseen or outside the real range. Pairs of categorical values that never
occur together in the real table are reported too.

Everything is precomputed once from the real table (``RowContext.fit``) so a per-task
lookup is a few array look-ups. No library packages this kind of "where does this value
sit" summary, so it is written here on top of numpy and pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg

MISSING = "<missing>"
# Badges: shown translated next to the value.
RARE = N_("rare")
UNSEEN = N_("unseen value")
OUT_OF_RANGE = N_("out of range")
MISSING_BADGE = N_("missing")


@dataclass(frozen=True)
class ValueContext:
    """Where one value of a synthetic row sits in the real data.

    Attributes:
        column: Column name.
        value: The synthetic value as shown.
        percentile: Mid-rank percentile (0-100) in the real column; numeric columns only.
        share: Share of real rows with this value; categorical columns (and missing values).
        badges: Short warnings, e.g. ``("out of range",)``.
    """

    column: str
    value: object
    percentile: float | None
    share: float | None
    badges: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowReport:
    """Context of one synthetic row: one ``ValueContext`` per column and unseen pairs."""

    values: list[ValueContext]
    unseen_pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def badge_count(self) -> int:
        """Number of badges on values plus unseen combinations; 0 means nothing unusual."""
        return sum(len(v.badges) for v in self.values) + len(self.unseen_pairs)


def _is_numeric(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)) or (
        pd.api.types.is_datetime64_any_dtype(series)
    )


def _as_float(series: pd.Series) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(series):
        # Seconds since the epoch, whatever the stored resolution or time zone; NaT -> NaN.
        seconds = (pd.to_datetime(series, utc=True) - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)
        return seconds.to_numpy(dtype=float)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def _as_labels(series: pd.Series) -> np.ndarray:
    # Compare categories as text so a CSV round trip ("1" vs 1) does not create false "unseen" badges.
    labels = series.astype(str).to_numpy(dtype=object)
    labels[series.isna().to_numpy()] = MISSING
    return labels


@dataclass
class _Numeric:
    sorted_values: np.ndarray
    missing_share: float

    @property
    def low(self) -> float:
        return float(self.sorted_values[0]) if self.sorted_values.size else np.nan

    @property
    def high(self) -> float:
        return float(self.sorted_values[-1]) if self.sorted_values.size else np.nan


@dataclass
class _Categorical:
    index: pd.Index
    shares: np.ndarray


class RowContext:
    """Precomputed summary of a real table that answers "how plausible is this value?".

    Build it with :meth:`fit`; then :meth:`describe` gives per-row reports for a page and
    :meth:`percentiles`, :meth:`out_of_range`, :meth:`rare` and :meth:`unseen_pair_count`
    give the same facts as arrays (used as model features).
    """

    def __init__(self, columns, numeric, categorical, pair_seen, rare_share):
        self.columns: list[str] = columns
        self._numeric: dict[str, _Numeric] = numeric
        self._categorical: dict[str, _Categorical] = categorical
        self._pair_seen: dict[tuple[str, str], np.ndarray] = pair_seen
        self.rare_share: float = rare_share

    @classmethod
    def fit(
        cls,
        real: pd.DataFrame,
        *,
        categorical: list[str] | None = None,
        rare_share: float = 0.01,
        max_pair_categories: int = 100,
    ) -> RowContext:
        """Summarise the real table once.

        Args:
            real: The real table (training part).
            categorical: Columns to treat as categorical even if numeric; others are
                numeric when their dtype is numeric or datetime.
            rare_share: A categorical value with a smaller share in real data is "rare".
            max_pair_categories: Columns with more distinct values are left out of the
                unseen-combination check (identifiers and free text would flag every pair).

        Raises:
            InputError: The real table is empty.
        """
        if real.empty or len(real.columns) == 0:
            raise InputError(N_("The real table is empty; row context needs real rows to compare against."))
        forced = set(categorical or ())
        numeric: dict[str, _Numeric] = {}
        cats: dict[str, _Categorical] = {}
        codes: dict[str, np.ndarray] = {}
        n = len(real)
        for col in real.columns:
            series = real[col]
            if col not in forced and _is_numeric(series):
                values = _as_float(series)
                present = values[~np.isnan(values)]
                numeric[col] = _Numeric(np.sort(present), 1.0 - present.size / n)
            else:
                labels = _as_labels(series)
                uniques, inverse, counts = np.unique(
                    labels.astype(str), return_inverse=True, return_counts=True
                )
                cats[col] = _Categorical(pd.Index(uniques), counts / n)
                codes[col] = inverse
        pair_seen = {}
        paired = [c for c in cats if len(cats[c].index) <= max_pair_categories]
        for a, b in combinations(paired, 2):
            seen = np.zeros((len(cats[a].index), len(cats[b].index)), dtype=bool)
            seen[codes[a], codes[b]] = True
            pair_seen[(a, b)] = seen
        return cls([str(c) for c in real.columns], numeric, cats, pair_seen, rare_share)

    @property
    def numeric_columns(self) -> list[str]:
        """Columns summarised as numbers."""
        return list(self._numeric)

    def numeric_range(self, column: str) -> tuple[float, float]:
        """Smallest and largest real value of a numeric column."""
        summary = self._numeric[column]
        return summary.low, summary.high

    @property
    def categorical_columns(self) -> list[str]:
        """Columns summarised as categories."""
        return list(self._categorical)

    def _check_columns(self, rows: pd.DataFrame) -> None:
        missing = [c for c in self.columns if c not in rows.columns]
        if missing:
            raise InputError(
                Msg(
                    "Synthetic rows lack the real table's columns {columns}; generate them from the same "
                    "table.",
                    columns=str(missing),
                )
            )

    def percentiles(self, rows: pd.DataFrame) -> dict[str, np.ndarray]:
        """Mid-rank percentile (scipy's ``percentileofscore(kind='mean')``) per numeric column.

        Missing synthetic values get NaN.
        """
        self._check_columns(rows)
        out = {}
        for col, summary in self._numeric.items():
            values = _as_float(rows[col])
            ref = summary.sorted_values
            if ref.size == 0:
                out[col] = np.full(values.shape, np.nan)
                continue
            below = np.searchsorted(ref, values, side="left")
            upto = np.searchsorted(ref, values, side="right")
            pct = (below + upto) * (50.0 / ref.size)
            pct[np.isnan(values)] = np.nan
            out[col] = pct
        return out

    def out_of_range(self, rows: pd.DataFrame) -> dict[str, np.ndarray]:
        """Per numeric column, whether each value lies outside the real [min, max]."""
        self._check_columns(rows)
        out = {}
        for col, summary in self._numeric.items():
            values = _as_float(rows[col])
            with np.errstate(invalid="ignore"):
                out[col] = (values < summary.low) | (values > summary.high)
        return out

    def _codes(self, rows: pd.DataFrame) -> dict[str, np.ndarray]:
        return {
            col: s.index.get_indexer(_as_labels(rows[col]).astype(str))
            for col, s in self._categorical.items()
        }

    def _shares(self, codes: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = {}
        for col, code in codes.items():
            shares = self._categorical[col].shares
            out[col] = np.where(code >= 0, shares[np.maximum(code, 0)], 0.0)
        return out

    def rare(self, rows: pd.DataFrame) -> dict[str, np.ndarray]:
        """Per categorical column, whether each value's real share is below ``rare_share`` (unseen
        included)."""
        self._check_columns(rows)
        return {col: share < self.rare_share for col, share in self._shares(self._codes(rows)).items()}

    def _unseen_pairs(self, codes: dict[str, np.ndarray]) -> dict[tuple[str, str], np.ndarray]:
        out = {}
        for (a, b), seen in self._pair_seen.items():
            ca, cb = codes[a], codes[b]
            known = (ca >= 0) & (cb >= 0)
            # A value never seen in real data is already badged "unseen"; do not repeat it as a pair.
            out[(a, b)] = known & ~seen[np.maximum(ca, 0), np.maximum(cb, 0)]
        return out

    def unseen_pair_count(self, rows: pd.DataFrame) -> np.ndarray:
        """Number of categorical value pairs in each row that never occur together in real data."""
        self._check_columns(rows)
        flags = self._unseen_pairs(self._codes(rows))
        total = np.zeros(len(rows), dtype=int)
        for mask in flags.values():
            total += mask
        return total

    def describe(self, rows: pd.DataFrame) -> list[RowReport]:
        """Per-row context for display, one ``RowReport`` per row of ``rows`` in order."""
        self._check_columns(rows)
        pct = self.percentiles(rows)
        outside = self.out_of_range(rows)
        codes = self._codes(rows)
        shares = self._shares(codes)
        pairs = self._unseen_pairs(codes)
        reports = []
        for i in range(len(rows)):
            values = []
            for col in self.columns:
                value = rows[col].iat[i]
                value = value.item() if isinstance(value, np.generic) else value
                if col in self._numeric:
                    summary = self._numeric[col]
                    p = pct[col][i]
                    if np.isnan(p):
                        badges = (MISSING_BADGE,) if summary.missing_share < self.rare_share else ()
                        values.append(ValueContext(col, value, None, summary.missing_share, badges))
                    else:
                        badges = (OUT_OF_RANGE,) if outside[col][i] else ()
                        values.append(ValueContext(col, value, float(p), None, badges))
                else:
                    share = float(shares[col][i])
                    if codes[col][i] < 0:
                        badges = (UNSEEN,)
                    elif share < self.rare_share:
                        badges = (RARE,)
                    else:
                        badges = ()
                    values.append(ValueContext(col, value, None, share, badges))
            unseen = [pair for pair, mask in pairs.items() if mask[i]]
            reports.append(RowReport(values, unseen))
        return reports
