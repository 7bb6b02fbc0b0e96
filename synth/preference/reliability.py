"""Reviewer reliability fitted jointly with row utilities (a CrowdBT model).

CrowdBT (Chen, Bennett, Collins-Thompson and Horvitz, "Pairwise ranking aggregation in a
crowdsourced setting", WSDM 2013) lets each reviewer k answer a comparison by the
Bradley–Terry model with probability ``eta'_k`` and reverse it otherwise. Here the other
branch is a fair coin, as a careless reviewer clicks at random rather than against the truth::

    P(reviewer k prefers i to j) = eta_k * sigmoid(u_i - u_j) + (1 - eta_k) / 2

with ``u = x @ w`` linear in row features as in :mod:`synth.preference.bradley_terry`. This is
CrowdBT with its reliability restricted to ``eta'_k = (1 + eta_k) / 2 >= 0.5``: substituting
gives ``(2 eta'_k - 1) sigmoid + (1 - eta'_k)``, CrowdBT's own form. ``eta_k = 1`` is a reviewer
who follows the model, ``eta_k = 0`` one who answers at random.

Fitted by expectation–maximisation on the penalised likelihood (MAP):

* E-step: each comparison c of reviewer k gets the posterior probability that it came from
  the model branch, ``r_c = eta_k s_c / (eta_k s_c + (1 - eta_k) / 2)``, ``s_c = sigmoid(d_c @ w)``.
* M-step: ``eta_k`` is the mean of ``r_c`` over k's comparisons under a Beta(a, b) prior,
  ``(sum r_c + a - 1) / (n_k + a + b - 2)``; ``w`` minimises the L2-penalised Bradley–Terry
  loss of :class:`~synth.preference.bradley_terry.PreferenceModel` with each comparison weighted by
  ``r_c`` (scipy's L-BFGS, warm-started from the previous step).

So a reviewer's comparisons count in proportion to how likely each came from judgement, and
``eta_k`` is the weight the model gives that reviewer. Each EM step does not decrease the
objective :func:`neg_log_posterior`; the tests check the optimum against scipy's L-BFGS on the
same objective.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from threadpoolctl import threadpool_limits

from synth.errors import InputError
from synth.i18n import N_, Msg
from synth.preference.bradley_terry import validate_pairs

# A reviewer whose eta is below this answers at random more often than by judgement.
FLAG_THRESHOLD = 0.5
# Beta(a, b) prior on eta: mildly away from the 0 and 1 boundaries, centred on 0.5.
PRIOR = (2.0, 2.0)
RELIABILITY_COLUMNS = [N_("reviewer"), N_("reliability"), N_("comparisons"), N_("flagged")]


def neg_log_posterior(
    coef: np.ndarray,
    eta: np.ndarray,
    diff: np.ndarray,
    who: np.ndarray,
    alpha: float,
    prior: tuple[float, float] = PRIOR,
) -> float:
    """The objective the fit minimises.

    ``-sum_c log(eta_k(c) sigmoid(d_c @ w) + (1 - eta_k(c)) / 2) + alpha / 2 ||w||^2
    - sum_k log Beta(eta_k; a, b)`` (up to a constant).
    """
    s = expit(diff @ coef)
    lik = eta[who] * s + (1.0 - eta[who]) / 2.0
    a, b = prior
    log_prior = (a - 1.0) * np.log(eta) + (b - 1.0) * np.log1p(-eta)
    return float(-np.log(lik).sum() + alpha / 2.0 * coef @ coef - log_prior.sum())


@dataclass(frozen=True)
class ReviewerReliability:
    """One reviewer's fitted reliability."""

    reviewer: str
    reliability: float
    comparisons: int

    @property
    def flagged(self) -> bool:
        return self.reliability < FLAG_THRESHOLD


class ReliablePreferenceModel:
    """Linear Bradley–Terry utilities with one reliability per reviewer (see module docstring).

    Args:
        alpha: L2 penalty on the weights, per comparison (as in ``PreferenceModel``).
        prior: Beta prior (a, b) on each reviewer's eta.
        max_iter: EM iterations at most.
        tol: Stop when the objective improves by less than this.
    """

    def __init__(
        self,
        alpha: float = 1.0,
        prior: tuple[float, float] = PRIOR,
        max_iter: int = 200,
        tol: float = 1e-7,
    ):
        if alpha <= 0:
            raise InputError(Msg("alpha must be positive (got {alpha}); try 1.0.", alpha=alpha))
        self.alpha = alpha
        self.prior = prior
        self.max_iter = max_iter
        self.tol = tol
        self.coef_: np.ndarray | None = None
        self.eta_: np.ndarray | None = None
        self.reviewers: list[str] = []
        self.counts_: np.ndarray | None = None
        self.responsibility_: np.ndarray | None = None
        self.feature_names: list[str] | None = None
        self.n_comparisons = 0
        self.n_iter_ = 0
        self.objective_ = float("nan")

    def _weighted_fit(self, diff: np.ndarray, weight: np.ndarray, start: np.ndarray) -> np.ndarray:
        """argmin_w sum_c r_c softplus(-d_c @ w) + alpha / 2 ||w||^2, warm-started from ``start``."""
        if not np.any(diff) or weight.sum() <= 0:
            return np.zeros(diff.shape[1])

        def objective(coef):
            margin = diff @ coef
            value = -(weight * log_expit(margin)).sum() + self.alpha / 2.0 * coef @ coef
            grad = -diff.T @ (weight * expit(-margin)) + self.alpha * coef
            return value, grad

        return minimize(objective, start, jac=True, method="L-BFGS-B", options={"gtol": 1e-8}).x

    def fit(
        self,
        features: np.ndarray,
        pairs: np.ndarray,
        reviewers: Sequence[str],
        feature_names: Sequence[str] | None = None,
    ):
        """Fit on comparisons, each with the reviewer who made it.

        Args:
            features: (n_rows, d) feature matrix.
            pairs: (m, 2) winner/loser row positions.
            reviewers: m reviewer names, one per comparison.
            feature_names: Names of the d columns.

        Returns:
            self.
        """
        X = np.asarray(features, dtype=float)
        pairs = validate_pairs(pairs, len(X))
        if len(reviewers) != len(pairs):
            raise InputError(
                Msg(
                    "Each comparison needs its reviewer: got {n_reviewers} reviewer(s) for "
                    "{n_pairs} comparison(s).",
                    n_reviewers=len(reviewers),
                    n_pairs=len(pairs),
                )
            )
        self.feature_names = (
            list(feature_names) if feature_names is not None else [f"x{i}" for i in range(X.shape[1])]
        )
        names, who = np.unique(np.asarray(reviewers, dtype=str), return_inverse=True)
        self.reviewers = [str(r) for r in names]
        who = who.astype(int)
        self.counts_ = np.bincount(who, minlength=len(self.reviewers))
        self.n_comparisons = len(pairs)
        diff = X[pairs[:, 0]] - X[pairs[:, 1]]
        a, b = self.prior
        eta = np.full(len(self.reviewers), 0.9)
        resp = np.ones(len(pairs))
        # The problem is small (comparisons x features); one BLAS thread is fastest on a busy
        # server. Limited once around the whole fit: setting the limit looks up every loaded
        # library, which cost more than the dozens of small solves it wrapped one by one.
        with threadpool_limits(limits=1, user_api="blas"):
            coef = np.zeros(X.shape[1])
            if len(pairs):
                coef = self._weighted_fit(diff, resp, coef)
            previous = neg_log_posterior(coef, eta, diff, who, self.alpha, self.prior) if len(pairs) else 0.0
            n_iter = 0
            while len(pairs) and n_iter < self.max_iter:
                n_iter += 1
                s = expit(diff @ coef)
                model_part = eta[who] * s
                resp = model_part / (model_part + (1.0 - eta[who]) / 2.0)
                eta = (np.bincount(who, weights=resp, minlength=len(eta)) + a - 1.0) / (
                    self.counts_ + a + b - 2.0
                )
                eta = np.clip(eta, 1e-9, 1 - 1e-9)
                coef = self._weighted_fit(diff, resp, coef)
                current = neg_log_posterior(coef, eta, diff, who, self.alpha, self.prior)
                if previous - current < self.tol:
                    previous = current
                    break
                previous = current
        self.coef_, self.eta_, self.responsibility_ = coef, eta, resp
        self.n_iter_, self.objective_ = n_iter, previous
        return self

    def _require_fit(self) -> np.ndarray:
        if self.coef_ is None:
            raise InputError(
                N_("The preference model has not been fitted yet; fit it on the comparisons first.")
            )
        return self.coef_

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Utility of every row (higher = judged more plausible)."""
        return np.asarray(features, dtype=float) @ self._require_fit()

    @property
    def weights(self) -> pd.Series:
        """Weight per feature name, largest absolute weight first."""
        coef = self._require_fit()
        series = pd.Series(coef, index=self.feature_names, name="weight")
        return series.iloc[np.argsort(-np.abs(coef), kind="stable")]

    @property
    def reliability(self) -> list[ReviewerReliability]:
        """One entry per reviewer, in name order."""
        self._require_fit()
        return [
            ReviewerReliability(name, float(e), int(n))
            for name, e, n in zip(
                self.reviewers, np.asarray(self.eta_), np.asarray(self.counts_), strict=True
            )
        ]

    def reliability_frame(self) -> pd.DataFrame:
        """reviewer, reliability, comparisons, flagged."""
        return pd.DataFrame(
            [(r.reviewer, r.reliability, r.comparisons, r.flagged) for r in self.reliability],
            columns=RELIABILITY_COLUMNS,
        )
