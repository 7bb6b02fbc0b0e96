"""Turn missing-value markers into NaN and text columns of numbers into numbers.

Both steps run on every format after reading, so a table reads the same whether it came as
CSV, Excel, Parquet or JSON Lines. They work on each column's distinct values
(``pd.factorize``): tables repeat values a lot, and string operations on millions of cells
would dominate the reading time.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass

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
_NUMBER_OR_TEXT = frozenset((str, int, float))
# A zero followed by another digit at the start of a line (a sign may come first): ``02134``.
_ZERO_PADDED = re.compile(r"^[+-]?0\d", re.MULTILINE)


@dataclass(frozen=True)
class MarkedFrame:
    """A frame with its marker cells made NaN, and what was learned on the way.

    Attributes:
        frame: the frame, marker cells NaN.
        markers: ``{column: {marker: count}}`` for the columns that had at least one marker.
        factorized: for each text column by position, ``pd.factorize`` of the column as it is in
            ``frame`` (codes and distinct values), so converting numbers need not factorize again.
    """

    frame: pd.DataFrame
    markers: dict[str, dict[str, int]]
    factorized: dict[int, tuple[np.ndarray, pd.Index]]

    def with_numbers(self) -> pd.DataFrame:
        """``convert_numeric_columns(self.frame)`` without factorizing again.

        The new frame shares the columns that stay text with ``self.frame`` instead of copying
        them, for a caller that drops ``self.frame`` afterwards.
        """
        return _convert_numeric(self.frame.copy(deep=False), self.factorized)


def replace_missing_markers(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """Replace marker cells of text columns by NaN.

    Returns:
        The new frame (the input is not changed) and ``{column: {marker: count}}`` for the
        columns that had at least one marker.
    """
    marked = mark_missing(frame.copy())
    return marked.frame, marked.markers


def mark_missing(frame: pd.DataFrame) -> MarkedFrame:
    """``replace_missing_markers`` for a caller that drops ``frame`` afterwards.

    The input is not changed, but the new frame shares the columns without markers with it
    instead of copying them.
    """
    out = frame.copy(deep=False)
    counts: dict[str, dict[str, int]] = {}
    factorized: dict[int, tuple[np.ndarray, pd.Index]] = {}
    # Positional access keeps this working on a header with duplicate names (still reported later).
    for position, name in enumerate(out.columns):
        column = out.iloc[:, position]
        if not _is_texty(column):
            continue
        codes, uniques = pd.factorize(column)
        keys = _marker_keys(np.asarray(uniques, dtype=object))
        if keys.count(None) == len(keys):
            factorized[position] = (codes, uniques)
            continue
        is_marker = np.fromiter((k is not None for k in keys), dtype=bool, count=len(keys))
        marker_keys = np.array(keys, dtype=object)[is_marker]
        per_unique = np.bincount(codes[codes >= 0], minlength=len(uniques))
        found = counts.setdefault(str(name), {})
        for key, n in zip(marker_keys, per_unique[is_marker]):
            found[key] = found.get(key, 0) + int(n)
        marked = np.zeros(len(column), dtype=bool)
        marked[codes >= 0] = is_marker[codes[codes >= 0]]
        out.isetitem(position, column.mask(marked))
        factorized[position] = _without_markers(codes, uniques, is_marker)
    return MarkedFrame(out, counts, factorized)


def _marker_keys(values: np.ndarray) -> list[str | None]:
    """The marker each distinct value stands for, or None."""
    if set(map(type, values)) == {str}:
        # The same lookup as ``_marker_of``, run by ``map`` over the column's distinct values.
        return list(map(_LOOKUP.get, map(str.lower, map(str.strip, values))))
    return [_marker_of(v) for v in values]


def _marker_of(value) -> str | None:
    if not isinstance(value, str):
        return None
    return _LOOKUP.get(value.strip().lower())


def _without_markers(
    codes: np.ndarray, uniques: pd.Index, is_marker: np.ndarray
) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize`` of the column once its markers are NaN, from its factorization before.

    NaN takes code -1 and the other values keep their order of first appearance, so each kept
    value's new code is its rank among the kept values.
    """
    kept = ~is_marker
    new_code = np.cumsum(kept) - 1
    new_code[is_marker] = -1
    new_code = np.append(new_code, -1)  # code -1 (a value missing already) indexes this last entry
    return new_code[codes], uniques[kept]


def convert_numeric_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Make text columns numeric when every non-missing value is a number.

    Values with leading zeros (``02134``) or more than 15 digits (card or ID numbers) keep
    the column as text: converting would change them.
    """
    return _convert_numeric(frame.copy(), {})


def _convert_numeric(out: pd.DataFrame, factorized: dict[int, tuple[np.ndarray, pd.Index]]) -> pd.DataFrame:
    """Convert ``out``'s numeric text columns in place, reusing the factorizations given by position."""
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_texty(column):
            codes, uniques = factorized[position] if position in factorized else pd.factorize(column)
            numbers = _as_numbers(column, codes, uniques)
            if numbers is not None:
                out.isetitem(position, numbers)
    return out


def _as_numbers(column: pd.Series, codes: np.ndarray, uniques: pd.Index) -> pd.Series | None:
    if len(uniques) == 0:
        return None
    text = _number_texts(np.asarray(uniques, dtype=object))
    if text is None:
        return None
    numbers = _numbers_of(text)
    if np.isnan(numbers).any() or np.isinf(numbers).any():
        return None
    result = np.where(codes >= 0, numbers[np.maximum(codes, 0)], np.nan)
    if (codes >= 0).all() and (numbers % 1 == 0).all():
        return pd.Series(result.astype("int64"), index=column.index, name=column.name)
    return pd.Series(result, index=column.index, name=column.name)


def _numbers_of(texts: list[str]) -> np.ndarray:
    """The texts as float64, as pandas reads them (NaN where pandas reads no number).

    The texts are those of ``_number_texts``, so none has more than 15 digits.
    """
    digits = "".join(texts)
    if digits.isascii() and digits.isdecimal():
        # Unsigned whole numbers of at most 15 digits: pandas reads each as the integer Python
        # reads, and float64 holds it exactly. The digit check itself is one pass in C.
        return np.fromiter(map(int, texts), dtype=np.int64, count=len(texts)).astype("float64")
    return pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").astype("float64").to_numpy()


def _number_texts(values: np.ndarray) -> list[str] | None:
    """Each distinct value as stripped text, or None when one of them cannot become a number.

    The first value is tried alone, so a column of words stops there. Text values are then
    stripped and tried by ``map`` over all of them, which on many distinct numbers costs far
    less than a loop in Python or pandas' string methods. Python's ``float`` is only a first
    filter here; pandas decides what is a number.
    """
    if _number_text(values[0]) is None:
        return None
    if set(map(type, values)) != {str}:
        return _number_texts_one_by_one(values)
    texts = list(map(str.strip, values))
    try:
        # Consumed for its ValueError only: a text Python cannot read as a number.
        collections.deque(map(float, texts), maxlen=0)
    except ValueError:
        return None
    if max(map(len, texts)) > _MAX_NUMBER_DIGITS and any(
        _is_code(text) for text in texts if len(text) > _MAX_NUMBER_DIGITS
    ):
        return None
    # float accepted every text, so none holds a line break and a sign goes first at most: the
    # shorter texts are codes exactly when zero-padded, which one search over all of them finds.
    if _ZERO_PADDED.search("\n".join(texts)):
        return None
    return texts


def _number_texts_one_by_one(values: np.ndarray) -> list[str] | None:
    texts = []
    for value in values:
        text = _number_text(value)
        if text is None:
            return None
        texts.append(text)
    return texts


def _number_text(value) -> str | None:
    """The value as stripped text when it may be a number, else None."""
    if type(value) not in _NUMBER_OR_TEXT:
        return None
    text = str(value).strip()
    try:
        float(text)
    except ValueError:
        return None
    return None if _is_code(text) else text


def _is_code(text: str) -> bool:
    """Too many digits, or a leading zero: an identifier or code that must stay text."""
    digits = text.lstrip("+-").split(".", 1)[0]
    return len(digits) > _MAX_NUMBER_DIGITS or (
        len(digits) > 1 and digits[0] == "0" and digits[1].isdecimal()
    )


def _is_texty(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
