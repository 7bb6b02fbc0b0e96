"""Row keys agree exactly with equality of the comparable (hashed) rows they replace."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.metrics.privacy.dcr import comparable_frame
from synth.metrics.privacy.row_keys import RowCodes

TYPES = {"n": "numerical", "c": "categorical", "b": "boolean"}


def _table(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    numbers = rng.integers(0, 4, size=rows).astype(object)
    numbers[rng.random(rows) < 0.3] = 2.0  # 2 == 2.0
    frame = pd.DataFrame(
        {
            "n": numbers,
            "c": rng.choice(["a", "b", None], size=rows).astype(object),
            "b": rng.choice([True, "True", False, np.nan], size=rows).astype(object),
        }
    )
    return frame


def test_keys_are_equal_exactly_when_comparable_rows_are():
    tables = [_table(1, 200), _table(2, 150)]
    columns = list(TYPES)
    codes = RowCodes(tables, columns, TYPES)
    for subset in (columns, ["n"], ["c", "b"]):
        keys = np.concatenate(codes.keys(subset))
        hashed = np.concatenate(
            [
                pd.util.hash_pandas_object(comparable_frame(t[subset], TYPES), index=False).to_numpy()
                for t in tables
            ]
        )
        assert np.array_equal(keys[:, None] == keys[None, :], hashed[:, None] == hashed[None, :])
