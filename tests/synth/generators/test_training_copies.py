"""``TrainingRows.copies`` finds exactly the rows equal to a training row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.generators.training_copies import TrainingRows


def copies_by_merge(frame: pd.DataFrame, train: pd.DataFrame) -> np.ndarray:
    """The oracle: a left join on every column (pandas matches missing keys to missing keys)."""
    joined = frame.reset_index(drop=True).merge(train.drop_duplicates(), how="left", indicator=True)
    return np.flatnonzero((joined["_merge"] == "both").to_numpy())


def table(rng: np.random.Generator, rows: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "age": rng.integers(20, 24, size=rows),
            "score": np.where(rng.random(rows) < 0.1, np.nan, rng.integers(0, 3, size=rows) / 2),
            "city": rng.choice(["Oslo", "Lima", None], size=rows),
            "grade": rng.choice(["a", "b"], size=rows),
        }
    )


@pytest.mark.parametrize("numeric", [["age", "score"], ["age"], []], ids=["two", "one", "none"])
def test_copies_are_the_rows_a_join_finds(numeric):
    rng = np.random.default_rng(5)
    train, frame = table(rng, 300), table(rng, 500)
    found = TrainingRows(train, numeric).copies(frame)
    expected = copies_by_merge(frame, train)
    assert 0 < len(expected) < len(frame)  # the case holds copies and rows that are not
    assert found.tolist() == expected.tolist()


def test_same_numbers_with_other_text_is_no_copy():
    train = pd.DataFrame({"age": [30, 40], "city": ["Oslo", "Lima"]})
    frame = pd.DataFrame({"age": [30, 40, 30], "city": ["Lima", "Lima", "Oslo"]})
    assert TrainingRows(train, ["age"]).copies(frame).tolist() == [1, 2]
