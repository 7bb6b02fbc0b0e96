"""Blind test: can reviewers tell real (holdout) rows from synthetic ones?

Accuracy near 50% means they cannot. The 95% interval is the project's one Wilson interval
(``synth.metrics.intervals.wilson_interval``, checked against scipy's), and scipy's binomial
test gives the p-value of accuracy = 0.5.
Synthetic rows that most of their reviewers labelled "synthetic" gave themselves away;
they are listed so they can be looked at (and perhaps rejected).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviews.errors import ReviewsError
from reviews.ranking.tasks import BLIND, HOLDOUT, SYNTHETIC, TaskSpec
from synth.i18n import N_, Msg, joined
from synth.metrics.intervals import wilson_interval

REAL = "real"
LABELS = (REAL, SYNTHETIC)
# Columns of the giveaways table; the interface shows them translated.
GIVEAWAY_COLUMNS = [N_("row"), N_("n_labels"), N_("n_synthetic")]


@dataclass(frozen=True)
class BlindAnswer:
    """A reviewer's label for a blind item: ``"real"`` or ``"synthetic"``."""

    task_id: str
    reviewer: str
    label: str


@dataclass(frozen=True)
class BlindTestResult:
    """Outcome of a blind test.

    Attributes:
        n_answers: Labels counted (the latest per reviewer and item).
        accuracy: Share of correct labels.
        ci_low, ci_high: Wilson interval of the accuracy.
        p_value: Two-sided binomial test of accuracy = 0.5.
        indistinguishable: True when the interval contains 0.5.
        giveaways: Synthetic rows labelled synthetic by more than half of their reviewers:
            columns row, n_labels, n_synthetic.
    """

    n_answers: int
    accuracy: float
    ci_low: float
    ci_high: float
    p_value: float
    indistinguishable: bool
    giveaways: pd.DataFrame


def evaluate_blind_test(
    tasks: Sequence[TaskSpec], answers: Iterable[BlindAnswer], confidence: float = 0.95
) -> BlindTestResult:
    """Score blind answers against the tasks' hidden sources.

    Raises:
        ReviewsError: No answers, an unknown label, or an answer to a task that is not blind.
    """
    truth = {t.task_id: t for t in tasks if t.mode == BLIND}
    frame = pd.DataFrame(
        [(a.task_id, a.reviewer, a.label) for a in answers], columns=["task_id", "reviewer", "label"]
    )
    # One label per reviewer and item: a changed mind replaces the earlier label.
    frame = frame.drop_duplicates(["task_id", "reviewer"], keep="last").reset_index(drop=True)
    problems = []
    unknown = sorted(set(frame["task_id"]) - set(truth))
    if unknown:
        problems.append(Msg("answers to tasks that are not blind items: {tasks}", tasks=str(unknown[:5])))
    bad = sorted(set(frame["label"]) - set(LABELS))
    if bad:
        problems.append(Msg("labels must be 'real' or 'synthetic' (got {labels})", labels=str(bad[:5])))
    if frame.empty:
        problems.append(N_("no blind answers yet; reviewers must label blind items first"))
    if problems:
        raise ReviewsError(joined(problems, "; ", words=True))
    source = frame["task_id"].map(lambda t: truth[t].source)
    expected = np.where(source == HOLDOUT, REAL, SYNTHETIC)
    correct = int((frame["label"].to_numpy() == expected).sum())
    from scipy.stats import binomtest  # here: scipy.stats takes a second to import

    test = binomtest(correct, len(frame), p=0.5)
    low, high = wilson_interval(correct, len(frame), confidence)
    synth = frame[source == SYNTHETIC].assign(
        row=lambda f: f["task_id"].map(lambda t: truth[t].rows[0]),
        said_synthetic=lambda f: f["label"] == SYNTHETIC,
    )
    per_row = synth.groupby("row").agg(n_labels=("label", "size"), n_synthetic=("said_synthetic", "sum"))
    giveaways = per_row[per_row["n_synthetic"] * 2 > per_row["n_labels"]].reset_index()
    return BlindTestResult(
        n_answers=len(frame),
        accuracy=correct / len(frame),
        ci_low=low,
        ci_high=high,
        p_value=float(test.pvalue),
        indistinguishable=bool(low <= 0.5 <= high),
        giveaways=giveaways[GIVEAWAY_COLUMNS].astype(int),
    )
