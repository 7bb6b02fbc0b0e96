"""A blind test inside a review round: officer permission, real/synthetic labels, the result."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewsError
from reviews.jobs.worker import run_one
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.ranking.report import round_report
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.permissions import SYSTEM, Actor

STEWARD, OFFICER = Actor("steward", "steward"), Actor("officer", "officer")
REVIEWERS = (Actor("reviewer", "reviewer"), Actor("reviewer2", "reviewer"))


def test_blind_items_need_permission_and_are_scored(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    for name in ("reviewer", "reviewer2"):
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", "reviewer")
    store.create_user(SYSTEM, "officer", "officer-pass-phrase", "officer")  # a grant names a real user
    demo = import_demo(store, STEWARD)
    job = start_generation(
        store, STEWARD, GenerationRequest(demo, "rules", [{"purpose": "privacy"}], 300, seed=2)
    )
    run_one(store)
    synthetic = get_job(store, job)["result"]["dataset_ids"][0]
    config = rounds.RoundConfig(batch_size=4, overlap=2, blind_items=6)
    with pytest.raises(ReviewsError, match="officer's permission"):
        rounds.open_round(store, STEWARD, synthetic, config)
    store.grant(
        OFFICER, "blind_test_allowed", synthetic, "Checking whether reviewers can tell the data apart."
    )
    round_id = rounds.open_round(store, STEWARD, synthetic, config)
    blind_seen = 0
    for reviewer in REVIEWERS:
        while (view := rounds.next_task(store, reviewer, round_id)) is not None:
            if view.mode == "blind":
                blind_seen += 1
                assert len(view.frame) == 1 and "synthetic_outlier" not in view.frame.columns
                rounds.submit(store, reviewer, round_id, view.task_id, label="real")
            else:
                rounds.submit(store, reviewer, round_id, view.task_id, ranking=view.rows)
            if round_queries.get_round(store, round_id).current_batch > 1:
                break
    assert blind_seen >= 6
    report = round_report(store, STEWARD, round_id)
    # Everyone answered "real": right on every holdout item, wrong on every synthetic one.
    specs = [s for s in round_queries.task_specs(store, round_id).values() if s.mode == "blind"]
    holdout_share = sum(s.source == "holdout" for s in specs) / len(specs)
    assert report.blind is not None and report.blind.accuracy == pytest.approx(holdout_share)
    assert report.blind.ci_low <= report.blind.accuracy <= report.blind.ci_high
