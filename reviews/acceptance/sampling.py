"""Random sampling inspection of accepted rows before sign-off.

Reviewers check a seeded random sample of the accepted rows (by default all of them, up
to 4,000). The inspection passes when the lower end of the 95% Wilson score interval of
the pass rate is at least 0.96, so a small sample cannot pass on luck: with every row
passing, at least :func:`min_sample_to_pass` rows are needed (93 at the defaults).

The Wilson bound is the project's one implementation, ``synth.metrics.intervals``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from reviews.errors import ReviewsError
from synth.i18n import N_, Msg
from synth.metrics.intervals import wilson_interval as wilson

DEFAULT_SAMPLE = 4000
DEFAULT_MIN_LOWER = 0.96
DEFAULT_CONFIDENCE = 0.95


def wilson_interval(successes: int, n: int, confidence: float = DEFAULT_CONFIDENCE) -> tuple[float, float]:
    """Two-sided Wilson score interval of the pass rate (``synth.metrics.intervals``).

    Raises:
        ReviewsError: n is not positive or successes is outside 0..n.
    """
    if n <= 0 or not 0 <= successes <= n:
        raise ReviewsError(
            Msg(
                "Need 0 <= passes <= inspected and inspected > 0 (got {passes} of {n}).",
                passes=successes,
                n=n,
            )
        )
    return wilson(successes, n, confidence)


def min_sample_to_pass(min_lower: float = DEFAULT_MIN_LOWER, confidence: float = DEFAULT_CONFIDENCE) -> int:
    """Smallest sample whose Wilson lower bound reaches ``min_lower`` when every row passes.

    With p = 1 the lower bound is n / (n + z^2), so n >= z^2 * b / (1 - b).
    """
    z = NormalDist().inv_cdf(0.5 + confidence / 2.0)  # stdlib: scipy.stats takes a second to import
    return math.ceil(z * z * min_lower / (1.0 - min_lower) - 1e-9)


def draw_sample(accepted: np.ndarray, size: int | None = DEFAULT_SAMPLE, seed: int = 0) -> np.ndarray:
    """Seeded random sample of accepted row positions, ``min(size, all)`` of them, sorted.

    Args:
        accepted: Accepted row positions (``AcceptanceDecision.accepted``).
        size: Sample size cap; None inspects every accepted row.
        seed: Recorded with the inspection so the sample can be redrawn.

    Raises:
        ReviewsError: Nothing was accepted.
    """
    accepted = np.asarray(accepted, dtype=int)
    if accepted.size == 0:
        raise ReviewsError(
            N_("No rows are accepted, so there is nothing to inspect; lower the threshold first.")
        )
    if size is not None and size < 1:
        raise ReviewsError(Msg("Inspection sample size must be at least 1 (got {size}).", size=size))
    take = accepted.size if size is None else min(size, accepted.size)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(accepted, size=take, replace=False))


@dataclass(frozen=True)
class InspectionResult:
    """Verdict of a sampling inspection."""

    inspected: int
    passed_rows: int
    pass_rate: float
    lower_bound: float
    upper_bound: float
    min_lower: float
    confidence: float

    @property
    def passed(self) -> bool:
        """True when the lower Wilson bound reaches the required pass rate."""
        return self.lower_bound >= self.min_lower


def evaluate(
    passed_rows: int,
    inspected: int,
    min_lower: float = DEFAULT_MIN_LOWER,
    confidence: float = DEFAULT_CONFIDENCE,
) -> InspectionResult:
    """Judge an inspection from the number of rows that passed out of those inspected."""
    if not 0 < min_lower < 1 or not 0 < confidence < 1:
        raise ReviewsError(
            Msg(
                "Required pass rate and confidence must lie in (0, 1) (got {min_lower}, {confidence}).",
                min_lower=min_lower,
                confidence=confidence,
            )
        )
    low, high = wilson_interval(passed_rows, inspected, confidence)
    return InspectionResult(inspected, passed_rows, passed_rows / inspected, low, high, min_lower, confidence)
