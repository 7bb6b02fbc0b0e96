"""How much reviewers agree on tasks that several of them answered.

Answers become ordinal ratings like this: within a task, each shown row is a unit and a
reviewer's rating of it is its rank position in that reviewer's ordering (1 = most
plausible; a pairwise answer rates the winner 1 and the loser 2). Only tasks answered by
at least two reviewers count. If a reviewer answered a task twice, the later answer wins.

* Krippendorff's alpha (ordinal) over all those units, from the ``krippendorff`` package.
  Rank positions within a task are not independent (they are a permutation), which the
  statistic ignores; it still reads 1 for perfect agreement and about 0 for chance.
  Below 0.667 (Krippendorff's lowest acceptable level for tentative conclusions) the
  report carries a warning.
* Kendall's W per task, averaged over tasks. No maintained package computes W, so
  :func:`kendalls_w` implements the closed form with the tie correction:
  ``W = 12 S / (m^2 (n^3 - n) - m * sum_j T_j)``, where S is the sum of squared deviations
  of the items' rank sums from their mean and ``T_j = sum (t^3 - t)`` over the groups of t
  tied items of rater j (tied items get their average rank). Without ties ``T_j = 0``.
  It equals scipy's tie-corrected Friedman statistic divided by ``m (n - 1)``.
* Each reviewer's agreement with the consensus: per task, Kendall's tau between the
  reviewer's ranks and the mean ranks of the *other* reviewers (leaving the reviewer out,
  so nobody agrees with themselves), averaged over the reviewer's tasks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd
from scipy.stats import kendalltau, rankdata

from reviews.ranking.tasks import Answer
from synth.i18n import N_, Msg

ALPHA_THRESHOLD = 0.667
# Columns of the per-reviewer table; the interface shows them translated.
REVIEWER_COLUMNS = [N_("reviewer"), N_("n_tasks"), N_("agreement")]
NOT_MEASURABLE = N_("No task has been answered by two reviewers yet, so agreement cannot be measured.")


def _latest(answers: Iterable[Answer]) -> dict[str, dict[str, tuple[int, ...]]]:
    """``{task_id: {reviewer: ranking}}`` keeping the later answer of a repeat."""
    by_task: dict[str, dict[str, tuple[int, ...]]] = {}
    for a in answers:
        by_task.setdefault(a.task_id, {})[a.reviewer] = tuple(a.ranking)
    return by_task


def _overlapping(answers: Iterable[Answer]) -> dict[str, dict[str, tuple[int, ...]]]:
    return {t: r for t, r in _latest(answers).items() if len(r) >= 2}


def _positions(ranking: tuple[int, ...], items: list[int]) -> np.ndarray:
    place = {row: pos for pos, row in enumerate(ranking, start=1)}
    return np.array([place[i] for i in items], dtype=float)


def reliability_matrix(answers: Iterable[Answer]) -> tuple[np.ndarray, list[str], list[tuple[str, int]]]:
    """Reviewers x units matrix of rank positions (NaN where a reviewer did not rate).

    Returns:
        (matrix, reviewers, units) where units are ``(task_id, row)``.
    """
    tasks = _overlapping(answers)
    reviewers = sorted({r for by in tasks.values() for r in by})
    units: list[tuple[str, int]] = []
    columns = []
    row_of = {r: i for i, r in enumerate(reviewers)}
    for task_id in sorted(tasks):
        by = tasks[task_id]
        items = sorted(next(iter(by.values())))
        block = np.full((len(reviewers), len(items)), np.nan)
        for reviewer, ranking in by.items():
            block[row_of[reviewer]] = _positions(ranking, items)
        units += [(task_id, i) for i in items]
        columns.append(block)
    matrix = np.hstack(columns) if columns else np.zeros((len(reviewers), 0))
    return matrix, reviewers, units


def krippendorff_alpha(answers: Iterable[Answer]) -> float:
    """Ordinal Krippendorff's alpha of rank positions on overlapping tasks; NaN without any."""
    matrix, _, _ = reliability_matrix(answers)
    if matrix.shape[1] == 0:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal"))


def kendalls_w(ranks: np.ndarray) -> float:
    """Kendall's coefficient of concordance with tie correction.

    Args:
        ranks: (m raters, n items) scores or ranks; each row is ranked (ties get the
            average rank), so any monotone scoring gives the same W.

    Returns:
        W in [0, 1]; NaN when undefined (fewer than 2 items, or every rater ties all).
    """
    ranks = np.atleast_2d(np.asarray(ranks, dtype=float))
    m, n = ranks.shape
    if n < 2 or m < 1:
        return float("nan")
    r = rankdata(ranks, axis=1)
    sums = r.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = 0.0
    for row in r:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denom = m**2 * (n**3 - n) - m * ties
    return float(12.0 * s / denom) if denom > 0 else float("nan")


def _consensus_agreement(tasks: dict[str, dict[str, tuple[int, ...]]]) -> pd.DataFrame:
    taus: dict[str, list[float]] = {}
    for by in tasks.values():
        items = sorted(next(iter(by.values())))
        pos = {rev: _positions(rk, items) for rev, rk in by.items()}
        for rev, mine in pos.items():
            others = np.mean([p for other, p in pos.items() if other != rev], axis=0)
            if np.ptp(others) == 0:
                continue  # the others split evenly: no consensus to agree with
            taus.setdefault(rev, []).append(float(kendalltau(mine, others).statistic))
    reviewers = sorted({rev for by in tasks.values() for rev in by})
    rows = [
        {
            "reviewer": rev,
            "n_tasks": sum(rev in by for by in tasks.values()),
            "agreement": float(np.mean(taus[rev])) if taus.get(rev) else float("nan"),
        }
        for rev in reviewers
    ]
    return pd.DataFrame(rows, columns=REVIEWER_COLUMNS)


@dataclass(frozen=True)
class AgreementReport:
    """Agreement on overlapping tasks.

    Attributes:
        alpha: Ordinal Krippendorff's alpha (NaN without overlapping tasks).
        kendalls_w: Mean Kendall's W over overlapping tasks.
        n_tasks: Tasks answered by two or more reviewers.
        per_task: One row per such task: task_id, n_reviewers, n_rows, w.
        reviewers: One row per reviewer: reviewer, n_tasks, agreement (mean Kendall tau
            with the others' consensus, -1..1).
        low_agreement: True when alpha is below the threshold.
        warning: A message for the page when agreement is low or not measurable.
    """

    alpha: float
    kendalls_w: float
    n_tasks: int
    per_task: pd.DataFrame
    reviewers: pd.DataFrame
    low_agreement: bool
    warning: str | None


def agreement_report(answers: Iterable[Answer], threshold: float = ALPHA_THRESHOLD) -> AgreementReport:
    """Alpha, Kendall's W and per-reviewer agreement for a set of ranking answers."""
    answers = list(answers)
    tasks = _overlapping(answers)
    per_task = []
    for task_id in sorted(tasks):
        by = tasks[task_id]
        items = sorted(next(iter(by.values())))
        ranks = np.vstack([_positions(rk, items) for rk in by.values()])
        per_task.append(
            {"task_id": task_id, "n_reviewers": len(by), "n_rows": len(items), "w": kendalls_w(ranks)}
        )
    per_task_df = pd.DataFrame(per_task, columns=["task_id", "n_reviewers", "n_rows", "w"])
    alpha = krippendorff_alpha(answers)
    w = float(per_task_df["w"].mean()) if len(per_task_df) else float("nan")
    low = bool(alpha < threshold) if not np.isnan(alpha) else False
    if np.isnan(alpha):
        warning = NOT_MEASURABLE
    elif low:
        warning = Msg(
            "Reviewers agree poorly (Krippendorff's alpha {alpha:.2f} < {threshold}); clarify the "
            "review guidance "
            "or look at the reviewers with low agreement before trusting the scores.",
            alpha=alpha,
            threshold=threshold,
        )
    else:
        warning = None
    return AgreementReport(alpha, w, len(tasks), per_task_df, _consensus_agreement(tasks), low, warning)
