"""One table per round of how far each reviewer can be trusted, and the warnings it raises.

It puts side by side each reviewer's agreement with the others
(:mod:`reviews.ranking.agreement`), the reliability the preference model gives them
(:mod:`reviews.ranking.reliability`) and their accuracy on gold tasks with its Wilson CI
(:mod:`reviews.ranking.gold`). A reviewer is *unreliable* when their reliability is below
``FLAG_THRESHOLD`` or the whole CI of their gold accuracy is below ``ACCURACY_THRESHOLD``; such a
reviewer is a concern while the model still weighs their answers above ``MIN_WEIGHT``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviews.ranking.gold import ACCURACY_THRESHOLD, GoldScore
from reviews.ranking.reliability import FLAG_THRESHOLD, MIN_WEIGHT, ReviewerReliability
from synth.i18n import N_, Msg

QUALITY_COLUMNS = [
    N_("reviewer"),
    N_("agreement"),
    N_("reliability"),
    N_("gold answers"),
    N_("gold accuracy"),
    N_("gold CI"),
    N_("unreliable"),
]


@dataclass(frozen=True)
class ReviewerQuality:
    table: pd.DataFrame  # QUALITY_COLUMNS
    warnings: list
    # Unreliable reviewers whose answers still weigh more than MIN_WEIGHT in the model.
    weighted_unreliable: list[str]


def reviewer_quality(
    agreement: pd.DataFrame, reliability: list[ReviewerReliability], gold: list[GoldScore]
) -> ReviewerQuality:
    """Merge the three measures per reviewer and list the warnings."""
    eta = {r.reviewer: r.reliability for r in reliability}
    golds = {g.reviewer: g for g in gold}
    agree = dict(zip(agreement["reviewer"], agreement["agreement"], strict=True)) if len(agreement) else {}
    names = sorted(set(eta) | set(golds) | set(agree))
    rows, warnings, weighted = [], [], []
    for name in names:
        g = golds.get(name)
        low_eta = name in eta and eta[name] < FLAG_THRESHOLD
        low_gold = g is not None and g.flagged
        interval = g.interval if g else (np.nan, np.nan)
        ci = "–" if g is None else f"{interval[0]:.0%}–{interval[1]:.0%}"
        rows.append(
            (
                name,
                agree.get(name, np.nan),
                eta.get(name, np.nan),
                g.n if g else 0,
                g.accuracy if g else np.nan,
                ci,
                bool(low_eta or low_gold),
            )
        )
        if low_eta:
            warnings.append(
                Msg(
                    "Reviewer {reviewer} answers largely at random (reliability {eta:.2f} < {threshold}); "
                    "the model counts their answers with that weight.",
                    reviewer=name,
                    eta=eta[name],
                    threshold=FLAG_THRESHOLD,
                )
            )
        if low_gold and g is not None:
            warnings.append(
                Msg(
                    "Reviewer {reviewer} got {correct} of {n} gold tasks right (95% CI up to {high:.0%}, "
                    "below {threshold:.0%}).",
                    reviewer=name,
                    correct=g.correct,
                    n=g.n,
                    high=interval[1],
                    threshold=ACCURACY_THRESHOLD,
                )
            )
        if (low_eta or low_gold) and eta.get(name, 1.0) > MIN_WEIGHT:
            weighted.append(name)
    return ReviewerQuality(pd.DataFrame(rows, columns=QUALITY_COLUMNS), warnings, weighted)
