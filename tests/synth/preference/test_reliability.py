"""Tests for synth.preference.reliability: simulated careful and random reviewers, scipy as the oracle."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import expit, logit
from scipy.stats import kendalltau

from synth.errors import InputError
from synth.preference.bradley_terry import PreferenceModel
from synth.preference.features import RowFeatures
from synth.preference.reliability import (
    FLAG_THRESHOLD,
    ReliablePreferenceModel,
    neg_log_posterior,
)
from tests.synth.preference.test_bradley_terry import simulated_rows

SEEDS = range(5)


def simulated_reviewers(utility: np.ndarray, kinds: list[str], per_reviewer: int, seed: int):
    """Comparisons by careful reviewers (Bradley–Terry on the true utility) and random ones (coin)."""
    rng = np.random.default_rng(seed)
    n = len(utility)
    pairs, who = [], []
    for k, kind in enumerate(kinds):
        i = rng.integers(0, n, per_reviewer)
        j = (i + rng.integers(1, n, per_reviewer)) % n
        p = expit(utility[i] - utility[j]) if kind == "careful" else np.full(per_reviewer, 0.5)
        i_wins = rng.random(per_reviewer) < p
        pairs.append(np.column_stack([np.where(i_wins, i, j), np.where(i_wins, j, i)]))
        who += [f"{kind}-{k}"] * per_reviewer
    return np.vstack(pairs), who


def _taus(kinds: list[str], per_reviewer: int = 100):
    plain_taus, reliable_taus, fits = [], [], []
    for seed in SEEDS:
        rows, utility = simulated_rows(seed=seed)
        enc = RowFeatures.fit(rows)
        X = enc.transform(rows)
        pairs, who = simulated_reviewers(utility, kinds, per_reviewer, seed + 100)
        plain = PreferenceModel().fit(X, pairs)
        reliable = ReliablePreferenceModel().fit(X, pairs, who)
        plain_taus.append(kendalltau(plain.scores(X), utility).statistic)
        reliable_taus.append(kendalltau(reliable.scores(X), utility).statistic)
        fits.append(reliable)
    return np.array(plain_taus), np.array(reliable_taus), fits


def _flagged(fits) -> list[set[str]]:
    return [{r.reviewer for r in fit.reliability if r.flagged} for fit in fits]


def test_one_random_reviewer_of_four_costs_nothing_and_is_flagged():
    plain, reliable, fits = _taus(["careful"] * 3 + ["random"])
    print(f"1 random of 4: mean tau plain {plain.mean():.3f}, reliability-aware {reliable.mean():.3f}")
    assert reliable.mean() >= plain.mean()
    assert all(flagged == {"random-3"} for flagged in _flagged(fits))


def test_two_random_reviewers_of_four_clearly_improves_the_ranking():
    plain, reliable, fits = _taus(["careful"] * 2 + ["random"] * 2)
    print(f"2 random of 4: mean tau plain {plain.mean():.3f}, reliability-aware {reliable.mean():.3f}")
    assert reliable.mean() >= plain.mean() + 0.05
    assert (reliable > plain).sum() >= len(SEEDS) - 1
    assert all(flagged == {"random-2", "random-3"} for flagged in _flagged(fits))
    for fit in fits:
        eta = dict(zip(fit.reviewers, fit.eta_, strict=True))
        assert (
            min(eta["careful-0"], eta["careful-1"]) > FLAG_THRESHOLD > max(eta["random-2"], eta["random-3"])
        )


def test_em_reaches_the_optimum_scipy_finds_on_the_same_objective():
    rows, utility = simulated_rows(seed=3)
    enc = RowFeatures.fit(rows)
    X = enc.transform(rows)
    pairs, who = simulated_reviewers(utility, ["careful", "careful", "random"], 80, 7)
    fit = ReliablePreferenceModel(tol=1e-10, max_iter=2000).fit(X, pairs, who)
    diff = X[pairs[:, 0]] - X[pairs[:, 1]]
    index = np.unique(who, return_inverse=True)[1]
    d = X.shape[1]

    def objective(theta):
        return neg_log_posterior(theta[:d], expit(theta[d:]), diff, index, fit.alpha, fit.prior)

    best = min(
        (
            minimize(objective, start, method="L-BFGS-B")
            for start in (np.zeros(d + 3), np.r_[fit.coef_, 0, 0, 0])
        ),
        key=lambda r: r.fun,
    )
    assert fit.objective_ == pytest.approx(objective(np.r_[fit.coef_, logit(fit.eta_)]))
    assert fit.objective_ <= best.fun + 1e-4
    np.testing.assert_allclose(fit.eta_, expit(best.x[d:]), atol=2e-2)


def test_weighted_step_with_full_weights_matches_the_plain_model():
    rows, utility = simulated_rows(seed=1)
    enc = RowFeatures.fit(rows)
    X = enc.transform(rows)
    pairs, _ = simulated_reviewers(utility, ["careful"], 300, 2)
    diff = X[pairs[:, 0]] - X[pairs[:, 1]]
    model = ReliablePreferenceModel(alpha=0.5)
    coef = model._weighted_fit(diff, np.ones(len(diff)), np.zeros(X.shape[1]))
    plain = PreferenceModel(alpha=0.5).fit(X, pairs)
    np.testing.assert_allclose(coef, plain.coef_, atol=1e-3)


def test_one_reviewer_name_per_comparison_is_required():
    rows, utility = simulated_rows(seed=0)
    X = RowFeatures.fit(rows).transform(rows)
    pairs, who = simulated_reviewers(utility, ["careful"], 10, 0)
    with pytest.raises(InputError, match="reviewer"):
        ReliablePreferenceModel().fit(X, pairs, who[:-1])
