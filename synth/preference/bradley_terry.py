"""Linear Bradley–Terry preference model over row features.

Each row gets a utility ``u = x @ w``; a reviewer prefers row i to row j with probability
``sigmoid(u_i - u_j)``. That is a logistic regression without intercept on feature
differences, fitted here with scikit-learn's ``LogisticRegression`` (L2 penalty). Every
comparison enters twice, as ``(x_w - x_l, 1)`` and ``(x_l - x_w, 0)``, so the fit is
symmetric and both classes are always present.

Listwise answers (an ordering of k = 3..5 rows) are turned into all k(k-1)/2 implied pairs
("full rank breaking"). Under a Plackett–Luce model of the ordering, full breaking gives a
consistent estimate of the same utilities (Azari Soufiani, Parkes and Xia, 2013); the
pairs of one ordering are not independent, so the model's implied certainty is somewhat
optimistic, which matters little for ranking rows.

Because utilities come from features, rows nobody has seen are scored too. The per-item
cross-check (:func:`compare_with_item_scores`) fits a classic per-row Bradley–Terry with
``choix`` on the rows that were compared and reports the rank agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit
from threadpoolctl import threadpool_limits

from synth.errors import InputError
from synth.i18n import N_, Msg


def pairs_from_rankings(rankings: Iterable[Sequence[int]]) -> np.ndarray:
    """All (winner, loser) pairs implied by orderings, best first.

    A pairwise answer is an ordering of two rows, so ``[(3, 8)]`` gives ``[[3, 8]]``;
    ``[(5, 1, 2)]`` gives ``[[5, 1], [5, 2], [1, 2]]``.

    Returns:
        Integer array of shape (m, 2): winner row, loser row.
    """
    pairs = [(r[a], r[b]) for r in rankings for a in range(len(r)) for b in range(a + 1, len(r))]
    return np.asarray(pairs, dtype=int).reshape(-1, 2)


def validate_pairs(pairs: np.ndarray, n_rows: int) -> np.ndarray:
    """Check winner/loser positions; return them as an (m, 2) int array.

    Raises:
        InputError: Listing every bad comparison (wrong shape, out of range, self-comparison).
    """
    arr = np.asarray(pairs)
    if arr.size == 0:
        return np.zeros((0, 2), dtype=int)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise InputError(N_("Comparisons must be (winner, loser) pairs of row positions."))
    problems = []
    bad = np.flatnonzero(((arr < 0) | (arr >= n_rows)).any(axis=1))
    if bad.size:
        problems.append(
            Msg(
                "{n} comparison(s) name a row outside 0..{last} (first at comparison {first}); "
                "use 0-based positions of existing rows",
                n=bad.size,
                last=n_rows - 1,
                first=int(bad[0]),
            )
        )
    same = np.flatnonzero(arr[:, 0] == arr[:, 1])
    if same.size:
        problems.append(
            Msg(
                "{n} comparison(s) compare a row with itself (first at comparison {first}); remove them",
                n=same.size,
                first=int(same[0]),
            )
        )
    if problems:
        raise InputError(problems)
    return arr.astype(int)


class PreferenceModel:
    """Bradley–Terry model with utility linear in row features.

    Args:
        alpha: L2 penalty on the weights, per comparison: the fit minimises
            ``sum(log-loss over comparisons) + alpha / 2 * ||w||^2``.
    """

    def __init__(self, alpha: float = 1.0):
        if alpha <= 0:
            raise InputError(Msg("alpha must be positive (got {alpha}); try 1.0.", alpha=alpha))
        self.alpha = alpha
        self.coef_: np.ndarray | None = None
        self.feature_names: list[str] | None = None
        self.n_comparisons = 0

    def fit(self, features: np.ndarray, pairs: np.ndarray, feature_names: Sequence[str] | None = None):
        """Fit on comparisons between rows of ``features``.

        Args:
            features: (n_rows, d) matrix, e.g. ``RowFeatures.transform(synthetic)``.
            pairs: (m, 2) winner/loser row positions (see :func:`pairs_from_rankings`).
            feature_names: Names of the d columns, for :attr:`weights`.

        Returns:
            self. With no comparisons all weights are zero (every row scores the same).
        """
        X = np.asarray(features, dtype=float)
        pairs = validate_pairs(pairs, len(X))
        self.feature_names = (
            list(feature_names) if feature_names is not None else [f"x{i}" for i in range(X.shape[1])]
        )
        self.n_comparisons = len(pairs)
        diff = X[pairs[:, 0]] - X[pairs[:, 1]]
        if len(pairs) == 0 or not np.any(diff):
            self.coef_ = np.zeros(X.shape[1])
            return self
        design = np.vstack([diff, -diff])
        target = np.r_[np.ones(len(diff)), np.zeros(len(diff))]
        # sklearn minimises C * sum(loss) + ||w||^2 / 2; the loss here counts each comparison
        # twice, so C = 1 / (2 * alpha) gives the per-comparison penalty documented above.
        from sklearn.linear_model import LogisticRegression  # here: a rounds page need not load sklearn

        model = LogisticRegression(C=1.0 / (2.0 * self.alpha), fit_intercept=False, max_iter=1000)
        # The problem is small (comparisons x features); extra BLAS threads only spin and, on a
        # busy server, made a 10 ms fit take hundreds of ms.
        with threadpool_limits(limits=1, user_api="blas"):
            model.fit(design, target)
        self.coef_ = model.coef_.ravel().copy()
        return self

    def _require_fit(self) -> np.ndarray:
        if self.coef_ is None:
            raise InputError(
                N_("The preference model has not been fitted yet; fit it on the comparisons first.")
            )
        return self.coef_

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Utility of every row (higher = judged more plausible), seen or not."""
        return np.asarray(features, dtype=float) @ self._require_fit()

    def prob_prefers(self, features: np.ndarray, i: np.ndarray | int, j: np.ndarray | int) -> np.ndarray:
        """Model probability that row i is preferred to row j."""
        s = self.scores(features)
        return expit(s[np.asarray(i)] - s[np.asarray(j)])

    @property
    def weights(self) -> pd.Series:
        """Weight per feature name, largest absolute weight first."""
        coef = self._require_fit()
        series = pd.Series(coef, index=self.feature_names, name="weight")
        return series.iloc[np.argsort(-np.abs(coef), kind="stable")]


@dataclass(frozen=True)
class ItemScoreAgreement:
    """Rank agreement between model scores and per-row Bradley–Terry scores of compared rows."""

    n_items: int
    kendall_tau: float
    spearman_rho: float


def item_scores(pairs: np.ndarray, alpha: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    """Per-row Bradley–Terry scores of the compared rows, fitted with ``choix.opt_pairwise``.

    Returns:
        (rows, params): the distinct compared row positions and one score each.
    """
    import choix  # here, not at the top: it loads scipy.stats, which only this cross-check needs

    pairs = validate_pairs(pairs, np.iinfo(np.int64).max)
    rows, local = np.unique(pairs, return_inverse=True)
    local = local.reshape(-1, 2)
    params = choix.opt_pairwise(len(rows), [tuple(p) for p in local], alpha=alpha)
    return rows, np.asarray(params)


def compare_with_item_scores(
    scores: np.ndarray, pairs: np.ndarray, alpha: float = 0.01
) -> ItemScoreAgreement:
    """Kendall tau and Spearman rho between ``scores`` and ``choix`` per-row scores.

    Only rows that appear in ``pairs`` are compared. ``alpha`` is choix's small Gaussian
    prior, which keeps the per-row fit finite when a row won (or lost) all its comparisons.

    Raises:
        InputError: Fewer than three rows were compared.
    """
    rows, params = item_scores(pairs, alpha=alpha)
    if len(rows) < 3:
        raise InputError(
            N_("The cross-check needs comparisons among at least three rows; collect more answers.")
        )
    from scipy.stats import kendalltau, spearmanr

    model = np.asarray(scores, dtype=float)[rows]
    tau = kendalltau(model, params).statistic
    rho = spearmanr(model, params).statistic
    return ItemScoreAgreement(len(rows), float(tau), float(rho))
