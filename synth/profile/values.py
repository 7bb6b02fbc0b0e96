"""Helpers shared by the profile modules: sampling and text views of a column."""

from __future__ import annotations

import pandas as pd

# Value-based checks (PII, dates, mixed types) look at a sample: their answer is a share,
# and a few thousand values pin a share down to about a percentage point.
SAMPLE_SIZE = 2000
_SEED = 0
# Every value test looks at the start of a value (a date, an e-mail, a phone number, a word);
# cutting sampled text here keeps a column of megabyte-long cells from being copied whole.
TESTED_CHARS = 1000


def present_sample(series: pd.Series, size: int = SAMPLE_SIZE) -> pd.Series:
    """Non-missing values, sampled reproducibly when there are more than ``size``.

    Text values longer than ``TESTED_CHARS`` are cut to that length.
    """
    present = series.dropna()
    if len(present) > size:
        present = present.sample(size, random_state=_SEED)
    if present.dtype == object:
        present = present.map(lambda v: v[:TESTED_CHARS] if isinstance(v, str) else v)
    return present


def as_text(values: pd.Series) -> pd.Series:
    """Values as stripped strings; whole floats lose their ``.0`` so 13812345678.0 reads as a phone."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype(str)
    if pd.api.types.is_float_dtype(values.dtype):
        whole = values.notna() & (values % 1 == 0) & (values.abs() < 1e18)
        text = values.astype(str)
        text[whole] = values[whole].astype("int64").astype(str)
        return text
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(str)
    return values.map(str).str.strip()


def is_integer_valued(values: pd.Series) -> bool:
    """True for a numeric column whose values are all whole numbers."""
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        return False
    if pd.api.types.is_integer_dtype(values.dtype):
        return True
    present = values.dropna()
    return bool((present % 1 == 0).all())
