"""Turn missing-value markers into NaN and text columns of numbers into numbers.

Both steps run on every format after reading, so a table reads the same whether it came as
CSV, Excel, Parquet or JSON Lines. They work on each column's distinct values
(``pd.factorize``): tables repeat values a lot, and string operations on millions of cells
would dominate the reading time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
MISSING_MARKERS = ("", "NA", "N/A", "null", "?", "-")

# Markers compare after stripping surrounding whitespace (UCI Adult copies write " ?"), and
# the word markers ignore case: SQL exports write NULL, spreadsheets n/a.
_LOOKUP = {m.lower(): m for m in MISSING_MARKERS}
# Numbers this long lose digits as float64 and are identifiers (cards, ID numbers), not amounts.
_MAX_NUMBER_DIGITS = 15
# Excel and JSON give numbers as numbers beside text; bool is excluded on purpose.
_NUMBER_OR_TEXT = (str, int, float)


def replace_missing_markers(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Replace marker cells of text columns by NaN.

    Returns:
        The new frame (the input is not changed) and ``{column: {marker: count}}`` for the
        columns that had at least one marker.
    """
    out = frame.copy()
    counts: dict[str, dict[str, int]] = {}
    # Positional access keeps this working on a header with duplicate names (still reported later).
    for position, name in enumerate(out.columns):
        column = out.iloc[:, position]
        if not _is_texty(column):
            continue
        codes, uniques = pd.factorize(column)
        keys = np.array([_marker_of(v) for v in uniques], dtype=object)
        is_marker = np.fromiter((k is not None for k in keys), dtype=bool, count=len(keys))
        if not is_marker.any():
            continue
        per_unique = np.bincount(codes[codes >= 0], minlength=len(uniques))
        found = counts.setdefault(str(name), {})
        for key, n in zip(keys[is_marker], per_unique[is_marker]):
            found[key] = found.get(key, 0) + int(n)
        marked = np.zeros(len(column), dtype=bool)
        marked[codes >= 0] = is_marker[codes[codes >= 0]]
        out.isetitem(position, column.mask(marked))
    return out, counts


def _marker_of(value) -> str | None:
    if not isinstance(value, str):
        return None
    return _LOOKUP.get(value.strip().lower())


def convert_numeric_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Make text columns numeric when every non-missing value is a number.

    Values with leading zeros (``02134``) or more than 15 digits (card or ID numbers) keep
    the column as text: converting would change them.
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_texty(column):
            numbers = _as_numbers(column)
            if numbers is not None:
                out.isetitem(position, numbers)
    return out


def _as_numbers(column: pd.Series) -> pd.Series | None:
    codes, uniques = pd.factorize(column)
    if len(uniques) == 0:
        return None
    text = _number_texts(uniques)
    if text is None:
        return None
    numbers = pd.to_numeric(pd.Series(text, dtype=object), errors="coerce").astype("float64").to_numpy()
    if np.isnan(numbers).any() or np.isinf(numbers).any():
        return None
    result = np.where(codes >= 0, numbers[np.maximum(codes, 0)], np.nan)
    if (codes >= 0).all() and (numbers % 1 == 0).all():
        return pd.Series(result.astype("int64"), index=column.index, name=column.name)
    return pd.Series(result, index=column.index, name=column.name)


def _number_texts(uniques) -> list[str] | None:
    """Each distinct value as stripped text, or None once one of them cannot become a number.

    One pass in Python over the distinct values: a column of words stops at its first word,
    and on a column of many distinct numbers the loop costs less than pandas' string methods.
    Python's ``float`` is only a first filter here; pandas decides what is a number.
    """
    texts = []
    for value in uniques:
        if type(value) not in _NUMBER_OR_TEXT:
            return None
        text = str(value).strip()
        try:
            float(text)
        except ValueError:
            return None
        digits = text.lstrip("+-").split(".", 1)[0]
        if len(digits) > _MAX_NUMBER_DIGITS or (
            len(digits) > 1 and digits[0] == "0" and digits[1].isdecimal()
        ):
            return None
        texts.append(text)
    return texts


def _is_texty(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
