"""The rules generator's neighbour table: each anchor's nearest other anchors, as sklearn finds them."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from synth.generators.rules import RulesGenerator


def test_neighbours_are_sklearns_nearest_and_never_the_row_itself():
    rng = np.random.default_rng(3)
    # Rounded values: many rows tie, so the row itself need not come first among equals.
    table = pd.DataFrame({"a": np.round(rng.normal(size=400), 1), "b": np.round(rng.normal(size=400), 1)})
    generator = RulesGenerator(seed=0)
    generator.fit(table)
    anchors = np.arange(len(table))
    found = generator._neighbour_table(anchors)
    k = found.shape[1]
    points = generator._scaled[anchors]
    reference = (
        NearestNeighbors(n_neighbors=k).fit(points).kneighbors(n_neighbors=k - 1, return_distance=False)
    )

    def distances(columns):
        return np.sort(np.linalg.norm(points[columns] - points[:, None], axis=2), axis=1)

    assert (found[:, 0] == anchors).all()
    assert not (found[:, 1:] == anchors[:, None]).any()
    np.testing.assert_allclose(distances(found[:, 1:]), distances(reference))


def test_rows_with_many_exact_twins_still_get_their_nearest_others():
    # 300 rows on 3 points: each row has about 99 twins at distance 0, so the search may return
    # k twins without the row itself; the row must still be left out of its own neighbours.
    table = pd.DataFrame({"a": np.repeat([0.0, 1.0, 5.0], 100), "b": np.repeat([2.0, 2.0, 3.0], 100)})
    generator = RulesGenerator(seed=0)
    generator.fit(table)
    anchors = np.arange(len(table))
    found = generator._neighbour_table(anchors)
    points = generator._scaled
    assert (found[:, 0] == anchors).all()
    assert not (found[:, 1:] == anchors[:, None]).any()
    assert np.allclose(np.linalg.norm(points[found[:, 1:]] - points[:, None], axis=2), 0.0)


def test_a_table_wider_than_the_fast_tree_gets_the_same_nearest_rows():
    rng = np.random.default_rng(4)
    table = pd.DataFrame(np.round(rng.normal(size=(200, 130)), 1), columns=[f"c{i}" for i in range(130)])
    generator = RulesGenerator(seed=0)
    generator.fit(table)
    anchors = np.arange(len(table))
    found = generator._neighbour_table(anchors)
    points = generator._scaled
    k = found.shape[1]
    reference = (
        NearestNeighbors(n_neighbors=k).fit(points).kneighbors(n_neighbors=k - 1, return_distance=False)
    )

    def distances(columns):
        return np.sort(np.linalg.norm(points[columns] - points[:, None], axis=2), axis=1)

    assert not (found[:, 1:] == anchors[:, None]).any()
    np.testing.assert_allclose(distances(found[:, 1:]), distances(reference))
    assert len(generator.sample(50)) == 50
