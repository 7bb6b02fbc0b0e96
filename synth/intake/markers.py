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
    if len(uniques) == 0 or not _each_reads_as_float(uniques):
        return None
    values = pd.Series(uniques, dtype=object)
    if not values.map(type).isin(_NUMBER_OR_TEXT).all():
        return None
    text = values.astype(str).str.strip()
    digits = text.str.lstrip("+-").str.split(".", n=1).str[0]
    if (digits.str.len().gt(_MAX_NUMBER_DIGITS) | digits.str.match(r"^0\d")).any():
        return None
    numbers = pd.to_numeric(text, errors="coerce").astype("float64").to_numpy()
    if np.isnan(numbers).any() or np.isinf(numbers).any():
        return None
    result = np.where(codes >= 0, numbers[np.maximum(codes, 0)], np.nan)
    if (codes >= 0).all() and (numbers % 1 == 0).all():
        return pd.Series(result.astype("int64"), index=column.index, name=column.name)
    return pd.Series(result, index=column.index, name=column.name)


def _each_reads_as_float(uniques) -> bool:
    # A quick necessary condition: a column of words fails at its first value, before the
    # string operations below run over all of its values.
    for value in uniques:
        try:
            float(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            return False
    return True


def _is_texty(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
