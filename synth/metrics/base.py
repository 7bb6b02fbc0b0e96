"""The shape every metric shares, and the column types the metrics understand.

A metric follows SDMetrics' shape: a class with a ``name``, a ``goal`` (maximize or
minimize), a range (``min_value``, ``max_value``) and a pure ``compute(real, synthetic)``.
Where a metric shares its name with an SDMetrics metric it returns the same number.
"""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

import numpy as np
import pandas as pd

NUMERICAL = "numerical"
CATEGORICAL = "categorical"
BOOLEAN = "boolean"
DATETIME = "datetime"
ORDINAL = "ordinal"

CONTINUOUS_TYPES = frozenset({NUMERICAL, DATETIME})
DISCRETE_TYPES = frozenset({CATEGORICAL, BOOLEAN, ORDINAL})
STATISTICAL_TYPES = CONTINUOUS_TYPES | DISCRETE_TYPES


class Goal(str, Enum):  # noqa: UP042 -- StrEnum has a different str(); kept so nothing printed changes
    """Whether a higher or a lower value of a metric is better."""

    MAXIMIZE = "maximize"
    MINIMIZE = "minimize"


class Metric:
    """A comparison of one real and one synthetic column (or pair, or table)."""

    name: ClassVar[str] = ""
    goal: ClassVar[Goal] = Goal.MAXIMIZE
    min_value: ClassVar[float] = 0.0
    max_value: ClassVar[float] = 1.0

    @classmethod
    def compute(cls, real, synthetic) -> float:
        """Return the metric's value for ``real`` against ``synthetic``."""
        raise NotImplementedError

    @classmethod
    def describe(cls) -> dict:
        """Name, goal and range, for reports."""
        return {
            "name": cls.name,
            "goal": cls.goal.value,
            "min_value": cls.min_value,
            "max_value": cls.max_value,
        }


def infer_column_types(frame: pd.DataFrame) -> dict[str, str]:
    """Column types from the profiler's inference, for callers that pass none."""
    from synth.profile.column_types import infer_type

    return {name: infer_type(frame[name]) for name in frame.columns}


def continuous_values(column: pd.Series) -> np.ndarray:
    """A float64 array of a numerical or datetime column, NaN where missing.

    Datetimes become nanoseconds since the epoch, as SDMetrics' ``pd.to_numeric`` does.
    """
    if pd.api.types.is_datetime64_any_dtype(column):
        values = column.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
        values[column.isna().to_numpy()] = np.nan
        return values
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def shared_codes(real: pd.Series, synthetic: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes of two discrete columns in one code space; a missing value is its own code."""
    real_codes, synthetic_codes, size, _ = discrete_codes(real, synthetic)
    return real_codes, synthetic_codes, size


def discrete_codes(real: pd.Series, synthetic: pd.Series) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Like :func:`shared_codes`, plus the code of a missing value (-1 when none is missing)."""
    both = pd.concat([real, synthetic], ignore_index=True)
    if isinstance(both.dtype, pd.CategoricalDtype):
        both = both.astype(object)
    codes, uniques = pd.factorize(both, use_na_sentinel=False)
    codes = codes.astype(np.int64)
    missing = np.flatnonzero(pd.isna(uniques))
    return (
        codes[: len(real)],
        codes[len(real) :],
        max(len(uniques), 1),
        int(missing[0]) if missing.size else -1,
    )
