"""Tests for reviews.ranking.active_selection: graph invariants checked with scipy's connected_components."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from reviews.errors import ReviewsError
from reviews.ranking.active_selection import select_lists, select_pairs, uncertainty
from reviews.ranking.preference import pairs_from_rankings


def shown_components_and_degree(pairs: np.ndarray, n: int) -> tuple[int, int]:
    degree = np.bincount(pairs.ravel(), minlength=n)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    shown = degree > 0
    return len(np.unique(labels[shown])), int(degree[shown].min())


@pytest.mark.parametrize("batch", [3, 4, 10])
def test_pair_batches_keep_graph_connected_and_every_shown_row_compared_twice(batch):
    n = 500
    rng = np.random.default_rng(0)
    scores = np.zeros(n)
    compared = np.zeros((0, 2), dtype=int)
    for b in range(12):
        new = select_pairs(scores, compared, batch, seed=b)
        assert 0 < len(new) <= batch
        compared = np.vstack([compared, new])
        components, min_degree = shown_components_and_degree(compared, n)
        assert components == 1 and min_degree >= 2
        scores = rng.normal(size=n)  # the model changes between batches
    assert len({tuple(sorted(p)) for p in compared.tolist()}) == len(compared)


def test_list_batches_keep_graph_connected():
    n = 300
    compared = np.zeros((0, 2), dtype=int)
    rng = np.random.default_rng(1)
    scores = np.zeros(n)
    for b in range(8):
        lists = select_lists(scores, compared, 5, 4, seed=b)
        assert lists.shape == (5, 4) and all(len(set(row)) == 4 for row in lists.tolist())
        compared = np.vstack([compared, pairs_from_rankings(lists.tolist())])
        components, min_degree = shown_components_and_degree(compared, n)
        assert components == 1 and min_degree >= 2
        scores = rng.normal(size=n)


def test_disconnected_components_and_under_compared_rows_are_fixed_first():
    n = 100
    scores = np.linspace(-3, 3, n)
    # Two separate triangles and a row (50) compared only once.
    compared = np.array([[0, 1], [1, 2], [0, 2], [60, 61], [61, 62], [60, 62], [50, 0]])
    new = select_pairs(scores, compared, 3, seed=0)
    components, min_degree = shown_components_and_degree(np.vstack([compared, new]), n)
    assert components == 1 and min_degree >= 2


def test_prefers_uncertain_pairs_and_is_deterministic():
    n = 1000
    rng = np.random.default_rng(7)
    scores = rng.normal(0, 3, n)
    compared = select_pairs(np.zeros(n), None, 30, seed=0)
    chosen = select_pairs(scores, compared, 20, seed=1)
    np.testing.assert_array_equal(chosen, select_pairs(scores, compared, 20, seed=1))
    random_pairs = rng.choice(n, size=(2000, 2))
    random_pairs = random_pairs[random_pairs[:, 0] != random_pairs[:, 1]]
    # Chosen pairs are much closer to coin flips than random pairs.
    assert np.median(uncertainty(scores, chosen)) < 0.5 * np.median(uncertainty(scores, random_pairs))


def test_first_batch_must_allow_two_comparisons_per_row():
    with pytest.raises(ReviewsError, match="at least 3 pairs"):
        select_pairs(np.zeros(10), None, 2)
    with pytest.raises(ReviewsError, match="3 to 5"):
        select_lists(np.zeros(10), None, 2, k=6)


def test_lists_link_components_and_top_up_rows_first():
    n = 100
    scores = np.linspace(-3, 3, n)
    compared = np.array([[0, 1], [1, 2], [0, 2], [60, 61], [61, 62], [60, 62], [50, 0]])
    lists = select_lists(scores, compared, 2, 3, seed=0)
    assert lists.shape == (2, 3)
    components, min_degree = shown_components_and_degree(
        np.vstack([compared, pairs_from_rankings(lists.tolist())]), n
    )
    assert components == 1 and min_degree >= 2
    with pytest.raises(ReviewsError, match="infinite"):
        select_pairs(np.array([0.0, np.nan, 1.0, 2.0]), None, 3)
