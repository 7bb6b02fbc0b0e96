"""Column type inference of synth.profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.profile import COLUMN_TYPES, infer_type

RNG = np.random.default_rng(3)
N = 200


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (RNG.normal(size=N), "numerical"),
        (RNG.integers(0, 90, N), "numerical"),
        (RNG.permutation(np.arange(10_000, 10_000 + N) * 37), "numerical"),  # unique but unordered
        (np.arange(N), "id"),
        (RNG.choice(["red", "green", "blue"], N), "categorical"),
        (RNG.choice(["Yes", "No"], N), "boolean"),
        (RNG.choice([0, 1], N), "boolean"),
        (RNG.choice([True, False], N), "boolean"),
        ([f"2024-01-{d % 28 + 1:02d}" for d in range(N)], "datetime"),
        ([f"{d % 28 + 1}/03/2021 10:{d % 60:02d}" for d in range(N)], "datetime"),
        (pd.date_range("2020-01-01", periods=N), "datetime"),
        ([f"AB-{i:06d}" for i in range(N)], "id"),
        ([f"the patient reported symptom number {i} after the visit" for i in range(N)], "text"),
        ([None] * N, "categorical"),
    ],
)
def test_inferred_type(values, expected):
    assert expected in COLUMN_TYPES
    assert infer_type(pd.Series(values)) == expected


def test_type_ignores_the_column_name():
    assert (
        infer_type(pd.Series(np.arange(N), name="age"))
        == infer_type(pd.Series(np.arange(N), name="x"))
        == "id"
    )


def test_chinese_dates():
    assert infer_type(pd.Series(["2021年3月4日", "2022年12月1日", "2020年1月31日"] * 10)) == "datetime"
