"""Tests for reviews.acceptance.rules: flags veto, threshold, and preview counts against brute force."""

from __future__ import annotations

import numpy as np
import pytest

from reviews.acceptance.rules import AcceptancePreview, count_flags, decide
from reviews.errors import ReviewsError


def test_flags_count_distinct_reviewers():
    flags = [("ann", 2), ("ann", 2), ("bob", 2), ("bob", 0)]
    assert count_flags(flags, 4).tolist() == [1, 0, 2, 0]
    with pytest.raises(ReviewsError, match="outside 0..3"):
        count_flags([("ann", 9)], 4)


def test_flagged_rows_are_rejected_whatever_their_score():
    scores = np.array([5.0, 1.0, -1.0, 3.0, 0.5])
    flags = np.array([1, 0, 0, 2, 0])
    d = decide(scores, flags, threshold=0.5)
    assert d.accepted.tolist() == [1, 4]
    assert d.rejected_by_flags.tolist() == [0, 3]
    assert d.rejected_by_score.tolist() == [2]
    d2 = decide(scores, flags, threshold=0.5, min_flags=2)
    assert d2.accepted.tolist() == [0, 1, 4] and d2.rejected_by_flags.tolist() == [3]


def test_preview_counts_match_brute_force_for_every_threshold():
    rng = np.random.default_rng(0)
    scores = np.round(rng.normal(size=5000), 2)  # rounding creates ties at thresholds
    flags = rng.binomial(2, 0.05, size=5000)
    preview = AcceptancePreview(scores, flags, min_flags=1)
    for threshold in np.r_[np.quantile(scores, np.linspace(0, 1, 21)), -10, 10]:
        c = preview.counts(threshold)
        vetoed = flags >= 1
        assert c.accepted == int(((scores >= threshold) & ~vetoed).sum())
        assert c.rejected_by_score == int(((scores < threshold) & ~vetoed).sum())
        assert c.rejected_by_flags == int(vetoed.sum()) and c.flagged == int((flags > 0).sum())
        assert c.accepted + c.rejected == 5000
        assert c.accepted == len(decide(scores, flags, threshold).accepted)
    t = preview.threshold_for_share(0.8)
    assert preview.counts(t).accepted == pytest.approx(0.8 * (flags == 0).sum(), rel=0.02)


def test_inputs_are_checked():
    with pytest.raises(ReviewsError, match="flag counts"):
        decide(np.zeros(3), np.zeros(2), 0.0)
    with pytest.raises(ReviewsError, match="min_flags"):
        AcceptancePreview(np.zeros(3), np.zeros(3), min_flags=0)
