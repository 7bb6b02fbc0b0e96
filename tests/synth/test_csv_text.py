"""``csv_text`` writes exactly what pandas' ``to_csv`` writes, on every kind of column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.csv_text import csv_text


def pandas_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\r\n")


TRICKY_TEXT = [
    "plain",
    "with, comma",
    'say "hi"',
    "two\nlines",
    "carriage\rreturn",
    "crlf\r\n",
    " leading space",
    "trailing space ",
    "",
    "'quoted already",
    "=SUM(A1)",
    "中文，全角",
    "tab\there",
    None,
    np.nan,
    "semi;colon",
]


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"text": TRICKY_TEXT, "n": range(len(TRICKY_TEXT))}),
        pd.DataFrame(
            {
                "int": [0, -1, 2**62, 7],
                "uint": np.array([0, 1, 2**63, 5], dtype="uint64"),
                "float": [0.1, -0.0, 1e-05, np.nan],
                "big": [1e16, 123456789.125, np.inf, -np.inf],
                "bool": [True, False, True, True],
                "int8": np.array([1, -2, 3, 4], dtype="int8"),
                "float32": np.array([0.1, 2.5, np.nan, 3], dtype="float32"),
            }
        ),
        pd.DataFrame({"mixed": [1, 2.5, "x", True, None, pd.NaT, b"raw", 3.0]}),
        pd.DataFrame({"only": ["a", "", None, "b,c"]}),
        pd.DataFrame({"": ["x", "y"]}),
        pd.DataFrame({"a,b": [1], 'say "x"': ["y"], "line\nbreak": [2.5]}),
        pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype="int64")}),
        pd.DataFrame({"a": [1, 2]}, index=[10, 20]),
    ],
    ids=["text", "numbers", "mixed-objects", "one-column", "unnamed", "header-quoting", "no-rows", "index"],
)
def test_same_text_as_pandas(frame):
    assert csv_text(frame) == pandas_csv(frame)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"when": pd.to_datetime(["2024-01-02", None]), "n": [1, 2]}),
        pd.DataFrame({"cat": pd.Categorical(["a", None, "b,c"])}),
        pd.DataFrame({"nullable": pd.array([1, None, 3], dtype="Int64")}),
        pd.DataFrame({"s": pd.array(["a", None], dtype="string")}),
        pd.DataFrame(index=range(3)),
        pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "b"), ("a", "c")])),
    ],
    ids=["dates", "categorical", "nullable-int", "string-dtype", "no-columns", "multiindex"],
)
def test_kinds_left_to_pandas_come_out_as_pandas_writes_them(frame):
    assert csv_text(frame) == pandas_csv(frame)


def test_random_tables_match_pandas():
    rng = np.random.default_rng(7)
    alphabet = np.array(list('ab ,"\n\r=-é'))
    for _ in range(30):
        rows = int(rng.integers(0, 40))
        words = ["".join(rng.choice(alphabet, size=int(rng.integers(0, 5)))) for _ in range(rows)]
        frame = pd.DataFrame(
            {
                "word": pd.Series(words, dtype=object).where(rng.random(rows) > 0.2),
                "count": rng.integers(-1000, 1000, size=rows),
                "amount": np.where(
                    rng.random(rows) > 0.2,
                    rng.normal(size=rows) * 10.0 ** rng.integers(-8, 18, size=rows),
                    np.nan,
                ),
            }
        )
        assert csv_text(frame) == pandas_csv(frame)
