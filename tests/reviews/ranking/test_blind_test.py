"""Tests for reviews.ranking.blind_test: accuracy and interval against scipy's binomtest."""

from __future__ import annotations

import pytest
from scipy.stats import binomtest

from reviews.errors import ReviewsError
from reviews.ranking.blind_test import BlindAnswer, evaluate_blind_test
from reviews.ranking.tasks import BLIND, HOLDOUT, SYNTHETIC, TaskSpec


def blind_tasks():
    return [
        TaskSpec("h1", BLIND, (0,), 3, HOLDOUT),
        TaskSpec("h2", BLIND, (1,), 3, HOLDOUT),
        TaskSpec("s1", BLIND, (10,), 3, SYNTHETIC),
        TaskSpec("s2", BLIND, (11,), 3, SYNTHETIC),
    ]


def test_accuracy_interval_and_giveaways():
    labels = {
        "h1": ["real", "real", "synthetic"],
        "h2": ["synthetic", "real", "synthetic"],
        "s1": ["synthetic", "synthetic", "real"],  # 2 of 3 say synthetic: gave itself away
        "s2": ["real", "synthetic", "real"],
    }
    answers = [BlindAnswer(t, f"r{i}", lab) for t, labs in labels.items() for i, lab in enumerate(labs)]
    result = evaluate_blind_test(blind_tasks(), answers)
    correct = 2 + 1 + 2 + 1
    oracle = binomtest(correct, 12).proportion_ci(method="wilson")
    assert result.n_answers == 12 and result.accuracy == pytest.approx(correct / 12)
    assert (result.ci_low, result.ci_high) == pytest.approx((oracle.low, oracle.high))
    assert result.p_value == pytest.approx(binomtest(correct, 12).pvalue)
    assert result.indistinguishable
    assert result.giveaways.to_dict("records") == [{"row": 10, "n_labels": 3, "n_synthetic": 2}]


def test_obvious_synthetic_data_is_distinguishable():
    tasks = [TaskSpec(f"h{i}", BLIND, (i,), 1, HOLDOUT) for i in range(30)]
    tasks += [TaskSpec(f"s{i}", BLIND, (i,), 1, SYNTHETIC) for i in range(30)]
    answers = [BlindAnswer(t.task_id, "ann", "real" if t.source == HOLDOUT else "synthetic") for t in tasks]
    result = evaluate_blind_test(tasks, answers)
    assert result.accuracy == 1.0 and not result.indistinguishable and len(result.giveaways) == 30


def test_bad_answers_are_reported():
    with pytest.raises(ReviewsError, match="not blind.*'real' or 'synthetic'"):
        evaluate_blind_test(
            blind_tasks(), [BlindAnswer("zz", "ann", "real"), BlindAnswer("h1", "ann", "fake")]
        )
    with pytest.raises(ReviewsError, match="no blind answers"):
        evaluate_blind_test(blind_tasks(), [])


def test_a_changed_label_replaces_the_earlier_one():
    answers = [
        BlindAnswer("s1", "ann", "synthetic"),
        BlindAnswer("s1", "ann", "real"),
        BlindAnswer("h1", "ann", "real"),
    ]
    result = evaluate_blind_test(blind_tasks(), answers)
    assert result.n_answers == 2 and result.accuracy == 0.5 and result.giveaways.empty
