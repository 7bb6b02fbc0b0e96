"""Gold tasks inside a review round: generated from the holdout, hidden among the others, scored."""

from __future__ import annotations

import numpy as np
import pytest

from reviews.jobs.worker import run_one
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.ranking.gold import gold_count, parse_gold
from reviews.ranking.report import round_report
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.permissions import SYSTEM, Actor

STEWARD = Actor("steward", "steward")
CAREFUL, CARELESS = Actor("reviewer", "reviewer"), Actor("reviewer2", "reviewer")


def test_gold_share_matches_its_expectation():
    rng = np.random.default_rng(0)
    counts = [gold_count(10, 0.05, rng) for _ in range(4000)]
    assert set(counts) == {0, 1}
    assert np.mean(counts) == pytest.approx(0.5, abs=0.03)
    assert gold_count(40, 0.05, rng) == 2


def test_gold_tasks_look_like_the_others_and_are_scored(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    for name in ("reviewer", "reviewer2"):
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", "reviewer")
    demo = import_demo(store, STEWARD)
    job = start_generation(
        store, STEWARD, GenerationRequest(demo, "rules", [{"purpose": "privacy"}], 300, seed=2)
    )
    run_one(store)
    synthetic = get_job(store, job)["result"]["dataset_ids"][0]
    round_id = rounds.open_round(
        store, STEWARD, synthetic, rounds.RoundConfig(batch_size=8, overlap=2, gold_share=0.5)
    )
    specs = round_queries.task_specs(store, round_id)
    gold_ids = {i for i, s in specs.items() if s.is_gold}
    assert len(gold_ids) == 4 and all(parse_gold(specs[i].source)[0] == "holdout" for i in gold_ids)
    ordinary_columns = None
    for reviewer in (CAREFUL, CARELESS):
        while (view := rounds.next_task(store, reviewer, round_id)) is not None:
            assert view.mode == "pairwise" and len(view.frame) == 2
            if ordinary_columns is None and view.task_id not in gold_ids:
                ordinary_columns = list(view.frame.columns)
            if view.task_id in gold_ids:
                _, broken = parse_gold(specs[view.task_id].source)
                # The injected value is outside the real range, and the row context says so.
                assert view.context[broken].badge_count >= 1
                assert list(view.frame.columns) == ordinary_columns or ordinary_columns is None
                right = [r for i, r in enumerate(view.rows) if i != broken] + [view.rows[broken]]
                ranking = right if reviewer is CAREFUL else right[::-1]
            else:
                ranking = view.rows
            rounds.submit(store, reviewer, round_id, view.task_id, ranking=ranking)
            if round_queries.get_round(store, round_id).current_batch > 1:
                break
    assert not {a.task_id for a in round_queries.ranking_answers(store, round_id)} & {
        specs[i].task_id for i in gold_ids
    }
    quality = round_report(store, STEWARD, round_id).quality.table.set_index("reviewer")
    assert quality.loc["reviewer", "gold accuracy"] == 1.0
    assert quality.loc["reviewer2", "gold accuracy"] == 0.0
    assert quality.loc["reviewer", "gold answers"] == quality.loc["reviewer2", "gold answers"] == 4
    # 0 of 4 right: the Wilson interval's upper end is far below 80 %.
    assert bool(quality.loc["reviewer2", "unreliable"]) and not bool(quality.loc["reviewer", "unreliable"])
