"""Review rounds through the store: tasks to reviewers, append-only answers, refits, next batches."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied, ReviewsError
from reviews.queries import rounds as round_queries
from reviews.ranking import rounds
from reviews.workspace.schema import review_responses
from tests.reviews.conftest import R1, R2, STEWARD, answer_batch


def test_round_flow_refits_and_opens_next_batch(store, synthetic_id):
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=10, overlap=2))
    view = rounds.next_task(store, R1, round_id)
    assert view.mode == "pairwise" and len(view.frame) == 2 and len(view.context) == 2
    assert (view.done, view.assigned) == (0, 10)
    frame = queries.load_frame(store, synthetic_id)
    assert answer_batch(store, round_id, R1, frame, flag_first=True) == 10
    assert round_queries.get_round(store, round_id).current_batch == 1  # waits for the second reviewer
    assert answer_batch(store, round_id, R2, frame) == 10
    record = round_queries.get_round(store, round_id)
    assert record.current_batch == 2
    model = round_queries.latest_model(store, round_id)
    assert model["n_pairs"] == 20 and len(model["scores"]) == 120
    assert len(round_queries.flags(store, round_id)) == 1
    assert verify_chain(store.engine).ok


def test_answers_are_append_only(store, synthetic_id):
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=5, overlap=2))
    view = rounds.next_task(store, R1, round_id)
    rounds.submit(store, R1, round_id, view.task_id, ranking=view.rows)
    rounds.submit(store, R1, round_id, view.task_id, ranking=view.rows[::-1])  # changes their mind
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(review_responses)).scalar_one() == 2
    answers = round_queries.ranking_answers(store, round_id)
    assert [a.ranking for a in answers] == [tuple(view.rows), tuple(view.rows[::-1])]
    assert not hasattr(store, "update_response") and not hasattr(store, "delete_response")


def test_only_assigned_reviewers_answer(store, synthetic_id):
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=4, overlap=1))
    view = rounds.next_task(store, R1, round_id) or rounds.next_task(store, R2, round_id)
    owner = R1 if view.task_id in round_queries.open_task_ids(store, round_id, "reviewer") else R2
    other = R2 if owner is R1 else R1
    with pytest.raises(PermissionDenied):
        store.submit_response(other, view.task_id, {"ranking": view.rows}, 10)
    with pytest.raises(PermissionDenied):
        rounds.submit(store, STEWARD, round_id, view.task_id, ranking=view.rows)


def test_round_needs_enough_reviewers_and_a_synthetic_dataset(store, synthetic_id):
    with pytest.raises(ReviewsError, match="only 2 reviewer"):
        rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(overlap=3))
    real_id = queries.get_dataset(store, synthetic_id).parent_id
    with pytest.raises(ReviewsError, match="synthetic datasets"):
        rounds.open_round(store, STEWARD, real_id)
    with pytest.raises(ReviewsError, match="officer's permission"):
        rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(blind_items=4))
