"""Train/holdout split."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from synth.errors import InputError
from synth.split import split_train_holdout


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({"x": range(1000), "y": ["a"] * 900 + ["b"] * 100})


def test_parts_are_disjoint_and_cover_the_table(table):
    parts = split_train_holdout(table, seed=1)
    assert len(parts.holdout) == math.ceil(0.2 * len(table))  # sklearn rounds the test size up
    assert set(parts.train.index).isdisjoint(parts.holdout.index)
    assert set(parts.train.index) | set(parts.holdout.index) == set(table.index)


def test_seeded(table):
    first, second, other = (split_train_holdout(table, seed=s) for s in (4, 4, 5))
    assert first.holdout.index.equals(second.holdout.index)
    assert not first.holdout.index.equals(other.holdout.index)


def test_stratified_by_label_keeps_label_shares(table):
    parts = split_train_holdout(table, seed=1, fraction=0.3, label="y")
    assert parts.holdout["y"].value_counts().to_dict() == {"a": 270, "b": 30}


def test_missing_labels_form_their_own_stratum():
    table = pd.DataFrame({"x": range(100), "y": ["a"] * 50 + [None] * 50})
    parts = split_train_holdout(table, seed=1, label="y")
    assert parts.holdout["y"].isna().sum() == 10


def test_bad_settings_are_reported_together(table):
    with pytest.raises(InputError) as caught:
        split_train_holdout(table, seed=1, fraction=1.5, label="nope")
    assert len(caught.value.problems) == 2
    with pytest.raises(InputError, match="stratified"):
        split_train_holdout(pd.DataFrame({"x": range(4), "y": list("aaab")}), seed=1, label="y")


@pytest.mark.parametrize(("rows", "fraction", "seed"), [(1000, 0.2, 1), (37, 0.33, 0), (5, 0.5, 9)])
def test_unstratified_split_is_sklearns(rows, fraction, seed):
    from sklearn.model_selection import train_test_split

    table = pd.DataFrame({"x": range(rows)}, index=range(100, 100 + rows))
    parts = split_train_holdout(table, seed=seed, fraction=fraction)
    train, holdout = train_test_split(table, test_size=fraction, random_state=seed)
    pd.testing.assert_frame_equal(parts.train, train)
    pd.testing.assert_frame_equal(parts.holdout, holdout)
