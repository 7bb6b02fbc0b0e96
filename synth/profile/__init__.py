"""Profile a table: column types, PII by value, identifiers, quality and outliers (norm 3).

``profile_table(frame)`` is the entry point; it does not change ``frame``. ``source_facts``
gives only the part that generation uses (PII columns and outlier regions), with the same
answers, without the quality and identifier checks a generation never reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import Msg
from synth.outliers.detect import (
    IQR,
    MAD,
    RARE_CATEGORY,
    OutlierReport,
    numeric_fences,
    numeric_outliers,
    rare_categories,
)
from synth.profile.column_types import (
    BOOLEAN,
    CATEGORICAL,
    COLUMN_TYPES,
    DATETIME,
    ID,
    NUMERICAL,
    infer_type,
    to_datetime,
)
from synth.profile.identifiers import is_direct_identifier, is_quasi_identifier
from synth.profile.model import ColumnProfile, SourceFacts, TableProfile
from synth.profile.pii import CN_RESIDENT_ID, CREDIT_CARD, IP_ADDRESS, PHONE, PII_KINDS, detect_pii
from synth.profile.quality import QualityReport, assess_quality
from synth.profile.values import ColumnValues

__all__ = [
    "COLUMN_TYPES",
    "PII_KINDS",
    "ColumnProfile",
    "OutlierReport",
    "QualityReport",
    "SourceFacts",
    "TableProfile",
    "detect_pii",
    "infer_type",
    "numeric_fences",
    "profile_column",
    "profile_table",
    "source_facts",
    "IQR",
    "MAD",
    "RARE_CATEGORY",
]

QUANTILES = {"p01": 0.01, "p05": 0.05, "p25": 0.25, "p50": 0.5, "p75": 0.75, "p95": 0.95, "p99": 0.99}
_TOP = 5
# Values of these kinds are keys that name a person, even when stored as numbers: a mean or an
# IQR fence of phone numbers means nothing, so such columns are typed as identifiers.
IDENTIFIER_PII_KINDS = (PHONE, CN_RESIDENT_ID, CREDIT_CARD, IP_ADDRESS)


def profile_table(frame: pd.DataFrame, *, outlier_method: str = IQR) -> TableProfile:
    """Profile every column of ``frame``.

    Args:
        frame: the table (as returned by ``synth.intake.read_table``).
        outlier_method: ``iqr`` (Tukey's fences) or ``mad`` (modified z-score) for numbers.

    Returns:
        The ``TableProfile``; numerical columns get a numeric outlier report, categorical and
        boolean columns a rare-category report.
    """
    frame = _checked(frame, outlier_method)
    values = {name: ColumnValues(frame[name]) for name in frame.columns}
    columns = [profile_column(name, frame[name], values[name]) for name in frame.columns]
    types = {c.name: c.type for c in columns}
    quality = assess_quality(frame, types)
    outliers = _outliers(frame, types, outlier_method, values)
    return TableProfile(rows=len(frame), columns=columns, quality=quality, outliers=outliers)


def source_facts(frame: pd.DataFrame, *, outlier_method: str = IQR) -> SourceFacts:
    """What a generation needs to know about its source; the same answers as ``profile_table``."""
    frame = _checked(frame, outlier_method)
    values = {name: ColumnValues(frame[name]) for name in frame.columns}
    pii = {name: detect_pii(frame[name], values[name]) for name in frame.columns}
    types = {name: _column_type(frame[name], pii[name], values[name]) for name in frame.columns}
    return SourceFacts(
        pii_columns={name: kind for name, kind in pii.items() if kind},
        outliers=_outliers(frame, types, outlier_method, values),
    )


def _checked(frame: pd.DataFrame, outlier_method: str) -> pd.DataFrame:
    """``frame`` with text column names; refuses an unknown method or a repeated name."""
    if outlier_method not in (IQR, MAD):
        raise InputError(
            Msg("unknown outlier method {method}; use 'iqr' or 'mad'", method=repr(outlier_method))
        )
    if any(type(c) is not str for c in frame.columns):
        # Renaming copies the whole table: only when a name is not text already.
        frame = frame.set_axis([str(c) for c in frame.columns], axis=1)
    if frame.columns.has_duplicates:
        repeated = sorted(set(frame.columns[frame.columns.duplicated()]))
        raise InputError(
            [
                Msg(
                    "column names appear more than once: {columns}; rename them so every name is unique",
                    columns=str(repeated),
                )
            ]
        )
    return frame


def _outliers(
    frame: pd.DataFrame,
    types: dict[str, str],
    outlier_method: str,
    values: dict[str, ColumnValues] | None = None,
) -> dict[str, OutlierReport]:
    """Numeric outliers of numerical columns, rare categories of categorical and boolean ones."""
    outliers: dict[str, OutlierReport] = {}
    for name, column_type in types.items():
        if column_type == NUMERICAL:
            outliers[name] = numeric_outliers(name, frame[name], outlier_method)
        elif column_type in (CATEGORICAL, BOOLEAN):
            counts = values[name].text_counts if values else None
            outliers[name] = rare_categories(name, frame[name], counts=counts)
    return outliers


def _column_type(series: pd.Series, pii: str | None, values: ColumnValues) -> str:
    return ID if pii in IDENTIFIER_PII_KINDS else infer_type(series, values)


def profile_column(name: str, series: pd.Series, values: ColumnValues | None = None) -> ColumnProfile:
    """Profile one column (``values``: its ``ColumnValues``, when the caller has them)."""
    values = values or ColumnValues(series)
    pii = detect_pii(series, values)
    column_type = _column_type(series, pii, values)
    rows = len(series)
    present = series.dropna()
    profile = ColumnProfile(
        name=name,
        type=column_type,
        missing_share=float(1 - len(present) / rows) if rows else 0.0,
        distinct=int(present.nunique()),
        pii=pii,
        quasi_identifier=False,
        top_values=_top_values(present),
        direct_identifier=is_direct_identifier(pii, column_type),
    )
    if not profile.direct_identifier:
        profile.quasi_identifier = is_quasi_identifier(name, series, column_type)
    if column_type == NUMERICAL and not present.empty:
        numbers = present.astype(float).to_numpy()
        profile.minimum, profile.maximum = _number(numbers.min()), _number(numbers.max())
        profile.quantiles = dict(
            zip(QUANTILES, (float(q) for q in np.quantile(numbers, list(QUANTILES.values()))))
        )
        profile.mean = float(numbers.mean())
        profile.std = float(numbers.std(ddof=1)) if numbers.size > 1 else 0.0
    elif column_type == DATETIME:
        dates = to_datetime(series).dropna()
        if not dates.empty:
            profile.minimum, profile.maximum = dates.min(), dates.max()
    return profile


def _top_values(present: pd.Series) -> list[tuple[str, int]]:
    counts = present.value_counts().head(_TOP)
    return [(str(v), int(c)) for v, c in counts.items()]


def _number(value) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value
