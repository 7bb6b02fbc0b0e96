"""Helpers shared by the profile modules: sampling and text views of a column."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
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


@dataclass(frozen=True)
class TextSample:
    """A column's sampled values as ``as_text`` reads them, each distinct text once.

    Value tests (patterns, dates, words) run on ``texts``; a share of sampled values is the
    share of ``texts`` weighted by ``weights``, so a column of a few categories costs a few
    tests, not one per sampled value, and the share is the same exact fraction.
    """

    texts: pd.Series  # distinct texts, object dtype
    weights: np.ndarray  # how many sampled values read as each text
    positions: np.ndarray  # per sampled value, in sample order, its text's position in ``texts``

    @property
    def size(self) -> int:
        """The number of sampled values."""
        return len(self.positions)

    def share(self, matches: pd.Series | np.ndarray) -> float:
        """The share of sampled values whose text matches (``matches`` is per distinct text)."""
        return float(np.average(np.asarray(matches, dtype=bool), weights=self.weights))

    def mean(self, numbers: pd.Series | np.ndarray) -> float:
        """The mean over sampled values of a whole number given per distinct text."""
        return float(np.average(np.asarray(numbers, dtype=np.int64), weights=self.weights))

    def cells(self) -> pd.Series:
        """The sampled texts one per sampled value, in sample order."""
        return pd.Series(self.texts.to_numpy()[self.positions], dtype=object)


class ColumnValues:
    """What the value tests of one column read, each part computed once and on first use.

    Text columns are factorized once: the count of present values, the distinct count and the
    sample all come from the codes, without a ``dropna`` and a string copy of every row.
    """

    def __init__(self, series: pd.Series) -> None:
        self.series = series

    @cached_property
    def _factorized(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Codes (-1 for missing) and distinct values of a column of strings, else None."""
        if self.series.dtype != object:
            return None
        codes, uniques = pd.factorize(self.series.to_numpy())
        if pd.api.types.infer_dtype(uniques, skipna=False) not in ("string", "empty"):
            return None  # mixed values: 1 and True are one distinct value but read differently
        return codes, uniques

    @cached_property
    def present(self) -> pd.Series:
        """The non-missing values, in order."""
        return self.series.dropna()

    @cached_property
    def present_count(self) -> int:
        """The number of non-missing values."""
        if self._factorized is None:
            return len(self.present)
        return int(np.count_nonzero(self._factorized[0] >= 0))

    @cached_property
    def distinct(self) -> int:
        """The number of distinct non-missing values."""
        if self._factorized is None:
            return int(self.present.nunique())
        return len(self._factorized[1])

    @cached_property
    def text_counts(self) -> pd.Series:
        """How often each non-missing value occurs, read as ``str``, most frequent first.

        The same Series as ``present.astype(str).value_counts()``: counts of the distinct
        values in order of first appearance, then sorted the same way.
        """
        if self._factorized is None:
            return self.present.astype(str).value_counts()
        codes, uniques = self._factorized
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        index = pd.Index([str(value) for value in uniques], dtype=object, name=self.series.name)
        return pd.Series(counts, index=index, name="count").sort_values(ascending=False)

    @cached_property
    def sample(self) -> TextSample:
        """The ``present_sample`` of the column, read ``as_text``."""
        if self._factorized is None:
            return _distinct_texts(as_text(present_sample(self.series)).to_numpy(dtype=object))
        codes, uniques = self._factorized
        rows = np.flatnonzero(codes >= 0)
        if len(rows) > SAMPLE_SIZE:
            rows = rows[sampled_positions(len(rows))]
        sampled, value_positions = np.unique(codes[rows], return_inverse=True)
        cut = np.array([str(value[:TESTED_CHARS]).strip() for value in uniques[sampled]], dtype=object)
        # Different values can read as one text (" a" and "a"): merge them as value_counts would.
        merged = _distinct_texts(cut)
        positions = merged.positions[value_positions]
        return TextSample(merged.texts, np.bincount(positions, minlength=len(merged.texts)), positions)


@lru_cache(maxsize=8)
def sampled_positions(count: int) -> np.ndarray:
    """The positions ``Series.sample(SAMPLE_SIZE, random_state=_SEED)`` takes from ``count`` values.

    They depend on the count alone, so the columns of a table without missing values share them.
    """
    positions = np.random.RandomState(_SEED).choice(count, SAMPLE_SIZE, replace=False)
    positions.flags.writeable = False
    return positions


def _distinct_texts(cells: np.ndarray) -> TextSample:
    positions, texts = pd.factorize(cells)
    weights = np.bincount(positions, minlength=len(texts))
    return TextSample(pd.Series(texts, dtype=object), weights, positions)
