"""Infer what kind of data a column holds: numerical, categorical, boolean, datetime, id or text.

The type is inferred from the values, never from the column's name.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from synth.i18n import N_
from synth.profile.values import ColumnValues, is_integer_valued

# Pages show the types translated (hence N_).
NUMERICAL, CATEGORICAL, BOOLEAN, DATETIME, ID, TEXT = (
    N_("numerical"),
    N_("categorical"),
    N_("boolean"),
    N_("datetime"),
    N_("id"),
    N_("text"),
)
COLUMN_TYPES = (NUMERICAL, CATEGORICAL, BOOLEAN, DATETIME, ID, TEXT)

_BOOLEAN_WORDS = {"true", "false", "yes", "no", "y", "n", "t", "f", "0", "1", "是", "否"}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?)?"
_DATE = re.compile(
    rf"^(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}{_TIME}"
    rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}{_TIME}"
    r"|\d{4}年\d{1,2}月\d{1,2}日)$"
)
# Thresholds: an id column is (nearly) unique; free text has many distinct, spaced values.
_MIN_ROWS_FOR_ID = 20
_ID_DISTINCT_SHARE = 0.95
_TEXT_DISTINCT_SHARE = 0.5
_DATE_SHARE = 0.9
# Keys step by about one (gaps where records were deleted); measurements that happen to be
# unique and sorted (a table ordered by age or income) spread far wider than this.
_KEY_MEAN_STEP = 3
_FIXED_WIDTH_KEY_DIGITS = 4
_CODE_DIGITS = 6
# Whole numbers written as text ("34", "-7") are judged as numbers are, unless long and of one
# width (account numbers). A leading zero ("007") makes a code, judged as text.
_PLAIN_INTEGER = r"^(?:0|-?[1-9]\d{0,17})$"


def infer_type(series: pd.Series, values: ColumnValues | None = None) -> str:
    """Return one of ``COLUMN_TYPES`` for ``series``.

    ``values`` is the column's ``ColumnValues`` when the caller shares it with other tests.
    """
    if pd.api.types.is_bool_dtype(series.dtype):
        return BOOLEAN
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return DATETIME
    values = values or ColumnValues(series)
    if values.present_count == 0:
        return CATEGORICAL
    if pd.api.types.is_numeric_dtype(series.dtype):
        return _numeric_type(values.present, values.distinct)
    return _text_type(values)


def _text_type(values: ColumnValues) -> str:
    # Shares and means over the sample are weighted over its distinct texts (``TextSample``).
    distinct, present_count, sample = values.distinct, values.present_count, values.sample
    text = sample.texts
    if distinct <= 2 and text.str.lower().isin(_BOOLEAN_WORDS).all():
        return BOOLEAN
    if sample.share(text.str.match(_DATE)) >= _DATE_SHARE and _parses_as_dates(sample.cells()):
        return DATETIME
    distinct_share = distinct / present_count
    spaced = sample.share(text.str.contains(r"\s", regex=True))
    unique_enough = present_count >= _MIN_ROWS_FOR_ID and distinct_share >= _ID_DISTINCT_SHARE
    if text.str.match(_PLAIN_INTEGER).all():
        # Distinct small numbers (ages kept as text) are not keys: a numbering is, and so are
        # codes written at one fixed, long width (account numbers).
        widths = text.str.lstrip("-").str.len()
        fixed_width = widths.min() == widths.max() >= _CODE_DIGITS
        numbers = pd.to_numeric(values.present.map(str).str.strip(), errors="coerce")  # all rows, in order
        if (unique_enough and fixed_width) or (numbers.notna().all() and is_key_numbering(numbers)):
            return ID
    elif unique_enough and spaced < 0.1:
        return ID
    if distinct_share >= _TEXT_DISTINCT_SHARE and (spaced >= 0.5 or sample.mean(text.str.len()) >= 30):
        return TEXT
    return CATEGORICAL


def _numeric_type(present: pd.Series, distinct: int) -> str:
    if distinct <= 2 and present.isin([0, 1]).all():
        return BOOLEAN
    return ID if is_key_numbering(present) else NUMERICAL


def is_key_numbering(present: pd.Series) -> bool:
    """True when unique whole numbers number the rows or records rather than measure something.

    Distinct values alone say little: forty people of forty different ages, sorted by age, are
    distinct and in order. A numbering also steps by about one, and either counts from 0 or 1
    (row numbers, in any order once shuffled) or runs in order at a fixed width of four or more
    digits (record numbers 100231, 100232, ...). Phone, ID and card numbers are found by value
    as personal data before this is asked.
    """
    rows = len(present)
    if rows < _MIN_ROWS_FOR_ID or not is_integer_valued(present) or present.nunique() != rows:
        return False
    low, high = int(present.min()), int(present.max())
    if high - low + 1 > _KEY_MEAN_STEP * rows:
        return False
    ordered = bool(present.is_monotonic_increasing or present.is_monotonic_decreasing)
    if low in (0, 1):
        return ordered or high - low + 1 == rows
    width = len(str(abs(low)))
    return ordered and low > 0 and width >= _FIXED_WIDTH_KEY_DIGITS and width == len(str(abs(high)))


def _parses_as_dates(text: pd.Series) -> bool:
    return bool(_parse_dates(text).notna().mean() >= _DATE_SHARE)


def to_datetime(series: pd.Series) -> pd.Series:
    """Parse a column inferred as datetime (mixed formats allowed); unparseable values become NaT."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series
    return _parse_dates(series.where(series.isna(), series.astype(str).str.strip()))


def _parse_dates(text: pd.Series) -> pd.Series:
    text = text.str.replace(r"(\d)[年月]", r"\1-", regex=True).str.replace("日", "", regex=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # ISO 8601 parses in C; the per-value "mixed" parser runs only when ISO does not fit.
        parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
        if parsed.notna().sum() < text.notna().sum() * _DATE_SHARE:
            parsed = pd.to_datetime(text, errors="coerce", format="mixed")
        if not pd.api.types.is_datetime64_any_dtype(parsed.dtype):
            # Mixed UTC offsets give objects; bring them to one time zone.
            parsed = pd.to_datetime(text, errors="coerce", format="mixed", utc=True)
    return parsed
