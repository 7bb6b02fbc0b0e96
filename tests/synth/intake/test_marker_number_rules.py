"""Missing markers and numeric conversion give what the plain rules give, cell by cell.

The reference below is the rule written as a loop over each column's distinct values: a text
cell whose stripped, lower-cased text is a marker becomes NaN and is counted, and a text column
becomes numeric when pandas reads every distinct stripped value as a finite number, none of
them zero-padded or longer than 15 digits.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from synth.intake.markers import (
    MISSING_MARKERS,
    convert_numeric_columns,
    mark_missing,
    replace_missing_markers,
)

_LOOKUP = {m.lower(): m for m in MISSING_MARKERS}


def _is_texty(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def reference_markers(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    out = frame.copy()
    counts: dict[str, dict[str, int]] = {}
    for position, name in enumerate(out.columns):
        column = out.iloc[:, position]
        if not _is_texty(column):
            continue
        marked = []
        for value in column:
            key = _LOOKUP.get(value.strip().lower()) if isinstance(value, str) else None
            if key is not None:
                found = counts.setdefault(str(name), {})
                found[key] = found.get(key, 0) + 1
            marked.append(key is not None)
        if any(marked):
            out.isetitem(position, column.mask(np.array(marked, dtype=bool)))
    return out, counts


def reference_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if not _is_texty(column):
            continue
        codes, uniques = pd.factorize(column)
        texts = []
        for value in uniques:
            if type(value) not in (str, int, float):
                break
            text = str(value).strip()
            try:
                float(text)
            except ValueError:
                break
            digits = text.lstrip("+-").split(".", 1)[0]
            if len(digits) > 15 or (len(digits) > 1 and digits[0] == "0" and digits[1].isdecimal()):
                break
            texts.append(text)
        if not texts or len(texts) < len(uniques):
            continue
        numbers = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").astype("float64").to_numpy()
        if np.isnan(numbers).any() or np.isinf(numbers).any():
            continue
        result = np.where(codes >= 0, numbers[np.maximum(codes, 0)], np.nan)
        if (codes >= 0).all() and (numbers % 1 == 0).all():
            result = result.astype("int64")
        out.isetitem(position, pd.Series(result, index=column.index, name=column.name))
    return out


def assert_same_frames(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    for position in range(expected.shape[1]):
        if expected.iloc[:, position].dtype == "float64":  # -0.0 and 0.0 compare equal above
            signs = np.signbit(got.iloc[:, position].to_numpy())
            assert (signs == np.signbit(expected.iloc[:, position].to_numpy())).all()


def assert_reads_as_reference(frame: pd.DataFrame) -> None:
    before = frame.copy()
    expected, expected_counts = reference_markers(frame)
    expected_numbers = reference_numbers(expected)

    marked = mark_missing(frame)
    assert_same_frames(marked.frame, expected)
    assert list(marked.markers.items()) == list(expected_counts.items())  # same order as well
    assert_same_frames(marked.with_numbers(), expected_numbers)

    replaced, counts = replace_missing_markers(frame)
    assert_same_frames(replaced, expected)
    assert list(counts.items()) == list(expected_counts.items())
    assert_same_frames(convert_numeric_columns(replaced), expected_numbers)
    assert_same_frames(frame, before)  # the input is never changed


TEXT_COLUMNS = {
    "markers": ["", " ", "NA", "na", " N/A ", "NULL", "?", " ?", "-", "--", "n/a", "Null", "None", "x"],
    "ints": ["1", "2", " 3 ", "2", "10", "100"],
    "signed": ["+2", "-4.5", "3"],
    "zero signs": ["-0", "0", "1"],
    "negative zero with a fraction": ["-0", "0.5", "?"],
    "zero padded": ["007", "1"],
    "signed zero padded": ["-01", "1"],
    "zero padded later": ["1", "2", "007"],
    "signed zero padded later": ["1", "2", "+02"],
    "sixteen digits later": ["1", "2", "-1234567890123456.5"],
    "zero alone": ["0", "1", "0"],
    "fractions": ["0.5", ".5", "5.", "0.0"],
    "exponents": ["1e5", "2", "1E-3"],
    "infinity": ["inf", "1"],
    "nan text": ["nan", "1"],
    "underscores": ["1_000", "2"],
    "arabic digits": ["\u0663", "4"],
    "sixteen digits": ["1234567890123456", "1"],
    "fifteen digits": ["123456789012345", "1"],
    "long fraction": ["1.23456789012345678901", "2"],
    "hex": ["0x10", "1"],
    "comma": ["1,5", "2"],
    "same number twice": [" 12", "12", "12 "],
    "ints with markers": ["1", " ?", "3", "NA"],
    "all markers": ["?", " ?", "NA"],
    "words": ["Private", "State-gov", "?"],
}


def _text_frame(columns: dict[str, list[str]]) -> pd.DataFrame:
    rows = max(len(v) for v in columns.values())
    return pd.DataFrame({k: (v * rows)[:rows] for k, v in columns.items()}, dtype=object)


@pytest.mark.parametrize("name", list(TEXT_COLUMNS))
def test_text_column_reads_as_the_reference(name):
    assert_reads_as_reference(_text_frame({name: TEXT_COLUMNS[name], "other": ["a", "b"]}))


def test_all_text_columns_together_and_duplicate_names():
    frame = _text_frame(TEXT_COLUMNS)
    frame.columns = ["dup"] * 3 + list(frame.columns[3:])
    assert_reads_as_reference(frame)


@pytest.mark.parametrize(
    "values",
    [
        [1, 2.5, "3"],
        [1, "?", 2],
        [True, 1, "2"],
        [1.0, 2.0, "?"],
        [None, "1", "?"],
        [np.nan, "2", " NA "],
        ["a", 1, None],
        [1, "01", 2],
        [10**16, 1, 2],
        [0.1, 0.2, "-"],
        [-0.0, "1.5", 2],
    ],
)
def test_mixed_values_as_from_excel_or_json(values):
    assert_reads_as_reference(pd.DataFrame({"v": pd.Series(values, dtype=object), "n": range(len(values))}))


def test_string_and_numeric_dtypes():
    frame = pd.DataFrame(
        {
            "s": pd.array(["1", "?", "3", None], dtype="string"),
            "w": pd.array(["a", "NA", "b", "c"], dtype="string"),
            "i": [1, 2, 3, 4],
            "f": [1.5, np.nan, -0.0, 2.0],
            "empty": pd.Series([None] * 4, dtype=object),
        }
    )
    assert_reads_as_reference(frame)


def test_no_rows():
    assert_reads_as_reference(
        pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype=object)})
    )


_TOKENS = ["0", "1", "7", "12", "007", "-01", "-0", "+3", "-2.5", ".5", "1e3", " 4 "]
_TOKENS += ["?", " ?", "NA", "", "x", "1_0"]


@pytest.mark.parametrize("seed", range(150))
def test_random_columns_read_as_the_reference(seed):
    rng = random.Random(seed)
    columns = {}
    for c in range(rng.randint(1, 4)):
        pool = rng.sample(_TOKENS, rng.randint(1, 6))
        if rng.random() < 0.5:
            pool += [str(rng.randint(0, 10 ** rng.randint(1, 17))) for _ in range(rng.randint(1, 20))]
        columns[f"c{c}"] = [rng.choice(pool) for _ in range(rng.randint(1, 40))]
    rows = min(len(v) for v in columns.values())
    assert_reads_as_reference(pd.DataFrame({k: v[:rows] for k, v in columns.items()}, dtype=object))


@pytest.mark.parametrize("seed", range(100))
def test_many_distinct_whole_numbers_read_as_pandas_reads_them(seed):
    rng = random.Random(seed)
    digits = rng.randint(1, 16)
    values = [str(rng.randrange(10**digits)) for _ in range(rng.randint(1, 300))]
    if rng.random() < 0.3:
        values[rng.randrange(len(values))] = rng.choice(["+1", "-0", "0.5", "1e2", " 7"])
    assert_reads_as_reference(pd.DataFrame({"n": values}, dtype=object))
