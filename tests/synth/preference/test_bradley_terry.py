"""Tests for synth.preference.bradley_terry: simulated reviewers with a known utility, choix and scipy
as oracles."""

from __future__ import annotations

import choix
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from scipy.stats import kendalltau

from synth.errors import InputError
from synth.preference.bradley_terry import (
    PreferenceModel,
    compare_with_item_scores,
    pairs_from_rankings,
    validate_pairs,
)
from synth.preference.features import RowFeatures


def simulated_rows(n: int = 60, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows and their true utility, linear in the rows' features."""
    rng = np.random.default_rng(seed)
    rows = pd.DataFrame(
        {"x1": rng.normal(size=n), "x2": rng.normal(5, 2, size=n), "c": rng.choice(list("abc"), n)}
    )
    z1 = (rows["x1"] - rows["x1"].mean()) / rows["x1"].std()
    z2 = (rows["x2"] - rows["x2"].mean()) / rows["x2"].std()
    utility = 1.5 * z1 - 1.0 * z2 + 2.0 * (rows["c"] == "a")
    return rows, utility.to_numpy()


def simulated_comparisons(utility: np.ndarray, m: int = 1500, seed: int = 1) -> np.ndarray:
    """(winner, loser) pairs drawn with P(i beats j) = sigmoid(u_i - u_j)."""
    rng = np.random.default_rng(seed)
    n = len(utility)
    i = rng.integers(0, n, m)
    j = (i + rng.integers(1, n, m)) % n  # never i itself
    i_wins = rng.random(m) < expit(utility[i] - utility[j])
    return np.column_stack([np.where(i_wins, i, j), np.where(i_wins, j, i)])


def test_full_pairwise_expansion_of_rankings():
    pairs = pairs_from_rankings([(3, 8), (5, 1, 2, 9)])
    assert pairs.tolist() == [[3, 8], [5, 1], [5, 2], [5, 9], [1, 2], [1, 9], [2, 9]]
    assert pairs_from_rankings([]).shape == (0, 2)


def test_recovers_the_true_ranking_from_noisy_comparisons():
    rows, utility = simulated_rows()
    pairs = simulated_comparisons(utility)
    enc = RowFeatures.fit(rows)
    X = enc.transform(rows)
    model = PreferenceModel().fit(X, pairs, enc.feature_names)
    assert kendalltau(model.scores(X), utility).statistic >= 0.9
    top = model.weights.index[:3].tolist()
    assert set(top) == {"x1", "x2", "c_a"}
    assert model.weights["x1"] > 0 > model.weights["x2"]


def test_listwise_answers_recover_the_ranking():
    rows, utility = simulated_rows(seed=4)
    rng = np.random.default_rng(2)
    rankings = []
    for _ in range(400):
        shown = rng.choice(len(rows), 4, replace=False)
        # Plackett-Luce draw: Gumbel noise on utilities gives the ordering's law.
        rankings.append(tuple(shown[np.argsort(-(utility[shown] + rng.gumbel(size=4)))]))
    enc = RowFeatures.fit(rows)
    X = enc.transform(rows)
    model = PreferenceModel().fit(X, pairs_from_rankings(rankings), enc.feature_names)
    assert kendalltau(model.scores(X), utility).statistic >= 0.9


def test_alpha_is_the_per_comparison_l2_penalty():
    rows, utility = simulated_rows(n=30)
    pairs = simulated_comparisons(utility, m=200)
    X = RowFeatures.fit(rows).transform(rows)
    alpha = 3.0
    diff = X[pairs[:, 0]] - X[pairs[:, 1]]

    def objective(w):
        return -log_expit(diff @ w).sum() + alpha / 2 * w @ w

    expected = minimize(objective, np.zeros(X.shape[1]), method="BFGS", options={"gtol": 1e-8}).x
    np.testing.assert_allclose(PreferenceModel(alpha=alpha).fit(X, pairs).coef_, expected, atol=1e-3)


def test_cross_check_against_choix_item_scores():
    rows, utility = simulated_rows()
    pairs = simulated_comparisons(utility)
    X = RowFeatures.fit(rows).transform(rows)
    scores = PreferenceModel().fit(X, pairs).scores(X)
    result = compare_with_item_scores(scores, pairs, alpha=0.01)
    params = choix.opt_pairwise(len(rows), [tuple(p) for p in pairs], alpha=0.01)
    assert result.n_items == len(rows)
    assert result.kendall_tau == pytest.approx(kendalltau(scores, params).statistic)
    assert result.kendall_tau > 0.8 and result.spearman_rho > 0.9


def test_no_comparisons_scores_every_row_the_same():
    X = np.random.default_rng(0).normal(size=(10, 3))
    model = PreferenceModel().fit(X, np.zeros((0, 2), dtype=int))
    assert np.all(model.scores(X) == 0)
    assert model.prob_prefers(X, 0, 1) == pytest.approx(0.5)


def test_bad_comparisons_are_reported_together():
    with pytest.raises(InputError, match="outside 0..4.*itself"):
        validate_pairs(np.array([[0, 7], [2, 2]]), 5)
    with pytest.raises(InputError, match="not been fitted"):
        PreferenceModel().scores(np.zeros((2, 2)))
