"""Choice among K: softmax frequencies against the Bradley–Terry probabilities, best-of-K, exclusions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import softmax
from scipy.stats import chisquare

from synth.curation import choose_among_k
from synth.errors import InputError


def test_softmax_choice_follows_the_bradley_terry_probabilities():
    k, blocks, beta = 4, 20_000, 1.5
    utility = np.tile([0.0, 0.5, 1.0, -1.0], blocks)
    choice = choose_among_k(utility, k, beta, "softmax", seed=7)
    counts = np.bincount(choice.kept % k, minlength=k)
    expected = softmax(beta * np.array([0.0, 0.5, 1.0, -1.0])) * blocks
    assert chisquare(counts, expected).pvalue > 1e-3


def test_best_of_k_keeps_each_blocks_highest_utility():
    rng = np.random.default_rng(1)
    utility = rng.normal(size=300)
    choice = choose_among_k(utility, 3, mode="best_of_k")
    np.testing.assert_array_equal(choice.kept, np.arange(100) * 3 + utility.reshape(100, 3).argmax(axis=1))


def test_ineligible_rows_are_never_kept_and_empty_blocks_are_counted():
    utility = np.array([5.0, 0.0, 1.0, 9.0, 8.0, 7.0])
    eligible = np.array([False, True, True, False, False, False])
    for mode in ("softmax", "best_of_k"):
        choice = choose_among_k(utility, 3, 100.0, mode, eligible)
        assert list(choice.kept) == [2] and choice.empty_blocks == 1 and choice.ineligible == 4


def test_beta_zero_is_a_uniform_choice():
    choice = choose_among_k(np.tile([10.0, 0.0], 20_000), 2, 0.0, seed=3)
    assert np.mean(choice.kept % 2) == pytest.approx(0.5, abs=0.02)


def test_bad_arguments_are_listed_together():
    with pytest.raises(InputError) as info:
        choose_among_k(np.zeros(10), 3, -1.0, "median")
    text = str(info.value)
    assert "blocks of K = 3" in text and "beta is -1.0" in text and "median" in text
