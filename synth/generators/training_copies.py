"""Find generated rows that equal a training row, by 64-bit row hashes.

Hashing a text column means hashing its strings, which costs more than the rest of a check
over numbers. A row can equal a training row only when its numbers do, so the numeric
columns are compared first, and whole rows only for the few rows whose numbers match.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row, independent of the index (for exact-copy joins)."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


class TrainingRows:
    """The training rows, ready to tell which rows of another frame are copies of one."""

    def __init__(self, train: pd.DataFrame, numeric_columns: Sequence[str]):
        self._train = train
        self._numeric_columns = list(numeric_columns)
        if self._numeric_columns:
            self._numeric_hashes = row_hashes(train[self._numeric_columns])
        else:
            self._row_hashes = np.unique(row_hashes(train))

    def copies(self, frame: pd.DataFrame) -> np.ndarray:
        """Positions of ``frame``'s rows equal to a training row (same columns and dtypes)."""
        if not self._numeric_columns:
            return np.flatnonzero(np.isin(row_hashes(frame), self._row_hashes))
        numbers = row_hashes(frame[self._numeric_columns])
        candidates = np.flatnonzero(np.isin(numbers, self._numeric_hashes))
        if candidates.size == 0:
            return candidates
        twins = np.flatnonzero(np.isin(self._numeric_hashes, numbers[candidates]))
        whole = row_hashes(frame.iloc[candidates])
        return candidates[np.isin(whole, row_hashes(self._train.iloc[twins]))]
