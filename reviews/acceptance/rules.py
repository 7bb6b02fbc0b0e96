"""Which synthetic rows are accepted: reviewers' flags first, then the model score.

A row flagged implausible by at least ``min_flags`` distinct reviewers is rejected
whatever its score; every other row is accepted when its score is at least the threshold.
:class:`AcceptancePreview` sorts the scores once so that counting the outcome for a new
threshold (a slider moving on the page) is a binary search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from reviews.errors import ReviewsError
from synth.i18n import Msg


def count_flags(flags: Iterable[tuple[str, int]], n_rows: int) -> np.ndarray:
    """Distinct reviewers who flagged each row.

    Args:
        flags: ``(reviewer, row)`` pairs; a reviewer flagging a row twice counts once.
        n_rows: Number of synthetic rows.

    Raises:
        ReviewsError: A flag names a row that does not exist.
    """
    unique = {(str(r), int(i)) for r, i in flags}
    rows = np.fromiter((i for _, i in unique), dtype=int, count=len(unique))
    if rows.size and (rows.min() < 0 or rows.max() >= n_rows):
        raise ReviewsError(
            Msg("Flags name rows outside 0..{last}; flag rows of this synthetic table only.", last=n_rows - 1)
        )
    return np.bincount(rows, minlength=n_rows)


def _check(scores: np.ndarray, flag_counts: np.ndarray, min_flags: int) -> tuple[np.ndarray, np.ndarray]:
    scores = np.asarray(scores, dtype=float)
    flag_counts = np.asarray(flag_counts, dtype=int)
    if scores.shape != flag_counts.shape:
        raise ReviewsError(
            Msg(
                "{scores} scores but {flags} flag counts; give one of each per row.",
                scores=scores.size,
                flags=flag_counts.size,
            )
        )
    if min_flags < 1:
        raise ReviewsError(Msg("min_flags must be at least 1 (got {n}).", n=min_flags))
    return scores, flag_counts


@dataclass(frozen=True)
class AcceptanceCounts:
    """Outcome for one threshold.

    Attributes:
        accepted: Rows accepted.
        rejected_by_flags: Rows rejected because enough reviewers flagged them.
        rejected_by_score: Unflagged-enough rows below the threshold.
        flagged: Rows with at least one flag (some may still be accepted when min_flags > 1).
    """

    threshold: float
    accepted: int
    rejected_by_flags: int
    rejected_by_score: int
    flagged: int

    @property
    def rejected(self) -> int:
        return self.rejected_by_flags + self.rejected_by_score


@dataclass(frozen=True)
class AcceptanceDecision:
    """Row positions accepted and rejected at one threshold."""

    threshold: float
    min_flags: int
    accepted: np.ndarray
    rejected_by_flags: np.ndarray
    rejected_by_score: np.ndarray


def decide(
    scores: np.ndarray, flag_counts: np.ndarray, threshold: float, min_flags: int = 1
) -> AcceptanceDecision:
    """Accept rows scoring >= threshold unless flagged by >= ``min_flags`` reviewers."""
    scores, flag_counts = _check(scores, flag_counts, min_flags)
    vetoed = flag_counts >= min_flags
    passes = scores >= threshold
    return AcceptanceDecision(
        float(threshold),
        int(min_flags),
        accepted=np.flatnonzero(passes & ~vetoed),
        rejected_by_flags=np.flatnonzero(vetoed),
        rejected_by_score=np.flatnonzero(~passes & ~vetoed),
    )


class AcceptancePreview:
    """Fast counts for many thresholds over the same scores and flags."""

    def __init__(self, scores: np.ndarray, flag_counts: np.ndarray, min_flags: int = 1):
        scores, flag_counts = _check(scores, flag_counts, min_flags)
        vetoed = flag_counts >= min_flags
        self._eligible = np.sort(scores[~vetoed])
        self._vetoed = int(vetoed.sum())
        self._flagged = int((flag_counts > 0).sum())
        self.min_flags = min_flags

    def counts(self, threshold: float) -> AcceptanceCounts:
        """Counts at ``threshold`` in O(log n)."""
        below = int(np.searchsorted(self._eligible, threshold, side="left"))
        accepted = self._eligible.size - below
        return AcceptanceCounts(float(threshold), accepted, self._vetoed, below, self._flagged)

    def threshold_for_share(self, share: float) -> float:
        """Threshold that accepts about ``share`` of the unvetoed rows (rows tied at it are all accepted)."""
        if self._eligible.size == 0:
            return float("inf")
        keep = int(np.floor(np.clip(share, 0.0, 1.0) * self._eligible.size))
        if keep == 0:
            return float(np.nextafter(self._eligible[-1], np.inf))
        return float(self._eligible[self._eligible.size - keep])
