"""Equality of rows across tables as integers: each value coded once, any column subset keyed.

Exact matches and the singling-out attack ask, again and again, "which rows of these tables
agree on these columns?". Hashing the values each time costs a pass over every string; here
every column is coded once into one code space shared by all the tables (39 == 39.0,
True == 'True', missing equals missing: the equality of
``synth.metrics.privacy.dcr.comparable_frame``), and a subset's key is its codes combined
arithmetically. Two rows get the same key exactly when they agree on every column of the
subset (no hashing, so no collisions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.metrics.base import CONTINUOUS_TYPES, continuous_values


class RowCodes:
    """Shared codes (0 = missing) of ``columns`` in each of ``tables``."""

    def __init__(self, tables: list[pd.DataFrame], columns: list[str], column_types: dict[str, str]):
        self.columns = list(columns)
        per_table = [np.empty((len(t), len(columns)), dtype=np.int64) for t in tables]
        sizes = []
        for position, column in enumerate(columns):
            codes, size = _shared_column_codes([t[column] for t in tables], column_types.get(column))
            for table_codes, coded in zip(per_table, codes, strict=True):
                table_codes[:, position] = coded
            sizes.append(size)
        self.codes = per_table
        self.sizes = np.array(sizes, dtype=np.int64)

    def keys(self, columns: list[str]) -> list[np.ndarray]:
        """One int64 key per row of each table: equal exactly when the rows agree on ``columns``."""
        positions = [self.columns.index(c) for c in columns]
        if float(np.prod(self.sizes[positions].astype(float))) < 2**62:
            keys = []
            for codes in self.codes:
                key = np.zeros(len(codes), dtype=np.int64)
                for position in positions:
                    key = key * self.sizes[position] + codes[:, position]
                keys.append(key)
            return keys
        stacked = np.vstack([codes[:, positions] for codes in self.codes])
        inverse = np.unique(stacked, axis=0, return_inverse=True)[1].ravel().astype(np.int64)
        bounds = np.cumsum([0, *(len(codes) for codes in self.codes)])
        return [inverse[bounds[i] : bounds[i + 1]] for i in range(len(self.codes))]


def _shared_column_codes(columns: list[pd.Series], column_type: str | None) -> tuple[list[np.ndarray], int]:
    """Codes of one column across tables, 0 for missing; and the number of codes."""
    if column_type in CONTINUOUS_TYPES:
        values = [continuous_values(c) for c in columns]
        codes, uniques = pd.factorize(np.concatenate(values), use_na_sentinel=True)
    else:
        # Each table's distinct values are turned into text once, not every cell.
        labels, local = [], []
        for column in columns:
            values = column.astype(object) if isinstance(column.dtype, pd.CategoricalDtype) else column
            table_codes, table_uniques = pd.factorize(values, use_na_sentinel=True)
            local.append(table_codes)
            labels.append(np.array([str(u) for u in table_uniques], dtype=object))
        label_codes, uniques = pd.factorize(np.concatenate(labels) if labels else np.array([], dtype=object))
        offsets = np.cumsum([0, *(len(u) for u in labels)])
        codes = np.concatenate(
            [
                np.where(c >= 0, label_codes[offsets[i] + np.maximum(c, 0)] if len(labels[i]) else -1, -1)
                for i, c in enumerate(local)
            ]
        )
    codes = codes.astype(np.int64) + 1
    bounds = np.cumsum([0, *(len(c) for c in columns)])
    return [codes[bounds[i] : bounds[i + 1]] for i in range(len(columns))], len(uniques) + 1
