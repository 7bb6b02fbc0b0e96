"""Tests for reviews.ranking.tasks: batch shapes, overlap, blind items and reviewer assignment."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from reviews.errors import ReviewsError
from reviews.ranking.tasks import (
    BLIND,
    HOLDOUT,
    LISTWISE,
    PAIRWISE,
    SYNTHETIC,
    Answer,
    assign_reviewers,
    build_batch,
    compared_pairs,
    validate_answer,
)


def test_pairwise_batch_has_unique_ids_and_overlap():
    batch = build_batch(np.zeros(200), None, batch_id="b1", batch_size=8, overlap=3, seed=1)
    assert len(batch.tasks) == 8
    assert len({t.task_id for t in batch.tasks}) == 8
    assert all(t.mode == PAIRWISE and len(t.rows) == 2 and t.slots == (0, 1, 2) for t in batch.tasks)
    assert compared_pairs(batch.tasks).shape == (8, 2)


def test_listwise_batch_and_next_batch_avoids_repeats():
    first = build_batch(np.zeros(200), None, batch_id="b1", mode=LISTWISE, k=4, batch_size=5)
    assert all(t.mode == LISTWISE and len(set(t.rows)) == 4 for t in first.tasks)
    done = compared_pairs(first.tasks)
    assert len(done) == 5 * 6
    second = build_batch(np.zeros(200), done, batch_id="b2", mode=LISTWISE, k=4, batch_size=5, seed=2)
    seen = {frozenset(p) for p in done.tolist()}
    # Each new list brings at least one pair never shown before.
    for task in second.tasks:
        pairs = {frozenset((a, b)) for a in task.rows for b in task.rows if a != b}
        assert pairs - seen


def test_blind_items_mix_holdout_and_synthetic_rows():
    batch = build_batch(
        np.zeros(100), None, batch_id="b1", batch_size=4, blind_items=10, n_holdout=50, seed=3
    )
    blind = [t for t in batch.tasks if t.mode == BLIND]
    assert len(blind) == 10 and len(batch.ranking_tasks()) == 4
    sources = Counter(t.source for t in blind)
    assert sources == {HOLDOUT: 5, SYNTHETIC: 5}
    assert all(len(t.rows) == 1 for t in blind)
    assert all(0 <= t.rows[0] < 50 for t in blind if t.source == HOLDOUT)
    assert compared_pairs(batch.tasks).shape == (4, 2)  # blind items are not comparisons


def test_bad_settings_are_reported_together():
    with pytest.raises(ReviewsError, match="3 to 5 rows.*overlap"):
        build_batch(np.zeros(50), None, batch_id="b", mode=LISTWISE, k=7, overlap=0)
    with pytest.raises(ReviewsError, match="holdout"):
        build_batch(np.zeros(50), None, batch_id="b", blind_items=10, n_holdout=2)


def test_assignment_gives_distinct_reviewers_and_even_load():
    batch = build_batch(np.zeros(200), None, batch_id="b1", batch_size=10, overlap=2)
    reviewers = ["ann", "bob", "cy", "dee"]
    assigned = assign_reviewers(batch.tasks, reviewers, seed=0)
    assert all(len(set(r)) == 2 for r in assigned.values())
    load = Counter(r for rs in assigned.values() for r in rs)
    assert sum(load.values()) == 20 and max(load.values()) - min(load.values()) <= 1
    with pytest.raises(ReviewsError, match="distinct reviewers"):
        assign_reviewers(batch.tasks, ["ann"])


def test_answers_must_order_the_shown_rows():
    task = build_batch(np.zeros(20), None, batch_id="b1", batch_size=3).tasks[0]
    validate_answer(task, Answer(task.task_id, "ann", tuple(reversed(task.rows))))
    with pytest.raises(ReviewsError, match="must order the rows"):
        validate_answer(task, Answer(task.task_id, "ann", (task.rows[0], 999)))
