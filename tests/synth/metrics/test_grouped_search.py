"""The grouped nearest-neighbour search gives exactly what the brute-force scan gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.metrics import grouped_search
from synth.metrics.distance import column_ranges, encode, nearest_in_views, scan_in_views

TYPES = {
    "a": "numerical",
    "b": "numerical",
    "n": "numerical",
    "c": "categorical",
    "d": "categorical",
    "e": "boolean",
}


def _table(seed: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "a": rng.normal(size=rows).round(1),  # rounded: many exact ties
            "b": rng.integers(0, 5, size=rows).astype(float),
            "n": rng.uniform(0, 1, size=rows),
            "c": rng.choice(list("pqrs"), size=rows, p=[0.7, 0.2, 0.08, 0.02]).astype(object),
            "d": rng.choice(list("xyz"), size=rows).astype(object),
            "e": rng.choice([True, False], size=rows).astype(object),
        }
    )
    frame.loc[rng.random(rows) < 0.05, "c"] = None
    return frame


VIEWS = [None, ["a", "c", "e"], ["b", "n", "d"], ["c", "d", "e"], ["a", "b", "n"]]


def _compare(query: pd.DataFrame, reference: pd.DataFrame, ranges=None) -> None:
    encoded = encode(query, reference, TYPES, ranges)
    fast = nearest_in_views(encoded, VIEWS)
    slow = scan_in_views(encoded, VIEWS)
    for (first, second, index), (first_s, second_s, index_s) in zip(fast, slow, strict=True):
        np.testing.assert_allclose(first, first_s, atol=1e-12)
        np.testing.assert_allclose(second, second_s, atol=1e-12)
        np.testing.assert_array_equal(index, index_s)
    for (first, second, index), (first_s, _, index_s) in zip(
        nearest_in_views(encoded, VIEWS, second=False), slow, strict=True
    ):
        np.testing.assert_allclose(first, first_s, atol=1e-12)
        np.testing.assert_array_equal(index, index_s)
        assert np.isnan(second).all()


@pytest.mark.parametrize("small_group", [512, 4])  # 4: the KD-tree path for most groups
def test_grouped_search_equals_the_scan(monkeypatch, small_group):
    monkeypatch.setattr(grouped_search, "_SMALL_GROUP", small_group)
    reference = _table(1, 1_500)
    query = pd.concat([_table(2, 300), reference.sample(200, random_state=0)], ignore_index=True)
    _compare(query, reference, column_ranges(reference, TYPES))


def test_grouped_search_equals_the_scan_with_missing_and_far_values(monkeypatch):
    monkeypatch.setattr(grouped_search, "_SMALL_GROUP", 8)
    reference, query = _table(3, 800), _table(4, 300)
    reference.loc[reference.index[:20], "n"] = np.nan
    query.loc[query.index[:15], "a"] = 40.0  # far outside the reference: the cap at 1 binds
    query.loc[query.index[15:30], "b"] = np.nan
    query.loc[query.index[30:40], "d"] = "w"  # a category no reference row has
    _compare(query, reference)
    _compare(query, reference.drop(columns="n").assign(n=0.5))  # constant column
