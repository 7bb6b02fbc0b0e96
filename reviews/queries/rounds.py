"""Read-only views of review rounds: tasks, answers, flags, the latest model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import and_, func, select

from reviews.queries.rows import newest_row, row_by_id
from reviews.ranking.blind_test import BlindAnswer
from reviews.ranking.tasks import GOLD, Answer, TaskSpec
from reviews.store import Store
from reviews.workspace.schema import (
    review_responses,
    review_rounds,
    review_tasks,
    round_models,
    row_flags,
    task_assignments,
)


@dataclass(frozen=True)
class RoundRecord:
    id: int
    dataset_id: int
    mode: str
    k: int
    overlap: int
    batch_size: int
    blind_items: int
    gold_share: float
    current_batch: int
    status: str
    created_by: str
    created_at: object


def get_round(store: Store, round_id: int) -> RoundRecord:
    return RoundRecord(**row_by_id(store.engine, review_rounds, round_id, "review round"))


def list_rounds(store: Store, dataset_id: int | None = None) -> list[RoundRecord]:
    query = select(review_rounds).order_by(review_rounds.c.id)
    if dataset_id is not None:
        query = query.where(review_rounds.c.dataset_id == dataset_id)
    with store.engine.connect() as conn:
        return [RoundRecord(**row) for row in conn.execute(query).mappings()]


def open_rounds_for(store: Store, reviewer: str) -> list[RoundRecord]:
    """Open rounds that assign ``reviewer`` at least one task, oldest first, in one query."""
    assigned = (
        select(review_tasks.c.round_id)
        .join(task_assignments, task_assignments.c.task_id == review_tasks.c.id)
        .where(task_assignments.c.reviewer == reviewer)
    )
    query = (
        select(review_rounds)
        .where(review_rounds.c.status == "open", review_rounds.c.id.in_(assigned))
        .order_by(review_rounds.c.id)
    )
    with store.engine.connect() as conn:
        return [RoundRecord(**row) for row in conn.execute(query).mappings()]


def rounds_with_open_tasks(store: Store, reviewer: str) -> list[int]:
    """Ids of the open rounds where ``reviewer`` has tasks not yet answered, oldest first, in one query."""
    answered = select(review_responses.c.task_id).where(review_responses.c.reviewer == reviewer)
    query = (
        select(review_tasks.c.round_id)
        .distinct()
        .join(task_assignments, task_assignments.c.task_id == review_tasks.c.id)
        .join(review_rounds, review_rounds.c.id == review_tasks.c.round_id)
        .where(
            task_assignments.c.reviewer == reviewer,
            review_rounds.c.status == "open",
            review_tasks.c.id.not_in(answered),
        )
        .order_by(review_tasks.c.round_id)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def task_specs(store: Store, round_id: int, batch: int | None = None) -> dict[int, TaskSpec]:
    """Stored task id -> spec (with the round's overlap)."""
    overlap = get_round(store, round_id).overlap
    query = select(review_tasks).where(review_tasks.c.round_id == round_id).order_by(review_tasks.c.id)
    if batch is not None:
        query = query.where(review_tasks.c.batch == batch)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return {r["id"]: TaskSpec(r["task_key"], r["mode"], tuple(r["rows"]), overlap, r["source"]) for r in rows}


def responses(store: Store, round_id: int) -> list[dict]:
    """Every stored answer of the round, oldest first (later answers supersede earlier ones)."""
    query = (
        select(review_responses, review_tasks.c.task_key, review_tasks.c.source)
        .join(review_tasks, review_tasks.c.id == review_responses.c.task_id)
        .where(review_responses.c.round_id == round_id)
        .order_by(review_responses.c.id)
    )
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def ranking_answers(store: Store, round_id: int) -> list[Answer]:
    """Rankings of synthetic rows (gold tasks left out: their rows are not the model's)."""
    return [
        Answer(r["task_key"], r["reviewer"], tuple(r["answer"]["ranking"]))
        for r in responses(store, round_id)
        if "ranking" in r["answer"] and not (r["source"] or "").startswith(GOLD + ":")
    ]


def gold_answers(store: Store, round_id: int) -> list[Answer]:
    """Rankings given on gold tasks."""
    return [
        Answer(r["task_key"], r["reviewer"], tuple(r["answer"]["ranking"]))
        for r in responses(store, round_id)
        if "ranking" in r["answer"] and (r["source"] or "").startswith(GOLD + ":")
    ]


def blind_answers(store: Store, round_id: int) -> list[BlindAnswer]:
    return [
        BlindAnswer(r["task_key"], r["reviewer"], r["answer"]["label"])
        for r in responses(store, round_id)
        if "label" in r["answer"]
    ]


def flags(store: Store, round_id: int) -> list[dict]:
    with store.engine.connect() as conn:
        return [
            dict(r)
            for r in conn.execute(
                select(row_flags).where(row_flags.c.round_id == round_id).order_by(row_flags.c.id)
            ).mappings()
        ]


def open_task_ids(store: Store, round_id: int, reviewer: str) -> list[int]:
    """Tasks given to ``reviewer`` in this round that they have not answered yet, in order."""
    answered = select(review_responses.c.task_id).where(review_responses.c.reviewer == reviewer)
    query = (
        select(review_tasks.c.id)
        .join(
            task_assignments,
            and_(task_assignments.c.task_id == review_tasks.c.id, task_assignments.c.reviewer == reviewer),
        )
        .where(review_tasks.c.round_id == round_id, review_tasks.c.id.not_in(answered))
        .order_by(review_tasks.c.id)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def reviewer_progress(store: Store, round_id: int, reviewer: str) -> tuple[int, int]:
    """(answered, assigned) task counts for ``reviewer``."""
    with store.engine.connect() as conn:
        assigned = conn.execute(
            select(func.count())
            .select_from(task_assignments.join(review_tasks, review_tasks.c.id == task_assignments.c.task_id))
            .where(review_tasks.c.round_id == round_id, task_assignments.c.reviewer == reviewer)
        ).scalar_one()
        answered = conn.execute(
            select(func.count(func.distinct(review_responses.c.task_id))).where(
                review_responses.c.round_id == round_id, review_responses.c.reviewer == reviewer
            )
        ).scalar_one()
    return int(answered), int(assigned)


def batch_complete(store: Store, round_id: int, batch: int) -> bool:
    """True when every assignment of ``batch`` has at least one answer from its reviewer."""
    return not batch_waiting_on(store, round_id, batch)


def latest_model(store: Store, round_id: int) -> dict | None:
    return newest_row(store.engine, round_models, "round_id", round_id)


def latest_scores(store: Store, round_id: int, n_rows: int) -> np.ndarray:
    model = latest_model(store, round_id)
    return np.zeros(n_rows) if model is None else np.asarray(model["scores"], dtype=float)


def task_ids(store: Store, round_ids: list[int]) -> list[int]:
    """Ids of every task in the given rounds."""
    with store.engine.connect() as conn:
        return list(
            conn.execute(select(review_tasks.c.id).where(review_tasks.c.round_id.in_(round_ids))).scalars()
        )


def answer_counts(store: Store, round_ids: list[int]) -> dict[int, int]:
    """Round id -> number of answers, for the rounds that have any."""
    with store.engine.connect() as conn:
        return {
            r: n
            for r, n in conn.execute(
                select(review_responses.c.round_id, func.count())
                .where(review_responses.c.round_id.in_(round_ids))
                .group_by(review_responses.c.round_id)
            ).all()
        }


def round_reviewers(store: Store, dataset_ids: list[int]) -> Sequence:
    """(reviewer, round_id) for everyone who answered a round on one of the datasets."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(review_responses.c.reviewer, review_responses.c.round_id)
            .distinct()
            .join(review_rounds, review_rounds.c.id == review_responses.c.round_id)
            .where(review_rounds.c.dataset_id.in_(dataset_ids))
        ).all()


def batch_waiting_on(store: Store, round_id: int, batch: int) -> dict[str, int]:
    """Reviewer -> number of their tasks in ``batch`` still unanswered (only those with some left)."""
    answered = select(review_responses.c.task_id, review_responses.c.reviewer).distinct().subquery()
    query = (
        select(task_assignments.c.reviewer, func.count())
        .select_from(
            task_assignments.join(review_tasks, review_tasks.c.id == task_assignments.c.task_id).outerjoin(
                answered,
                and_(
                    answered.c.task_id == task_assignments.c.task_id,
                    answered.c.reviewer == task_assignments.c.reviewer,
                ),
            )
        )
        .where(
            review_tasks.c.round_id == round_id, review_tasks.c.batch == batch, answered.c.task_id.is_(None)
        )
        .group_by(task_assignments.c.reviewer)
        .order_by(task_assignments.c.reviewer)
    )
    with store.engine.connect() as conn:
        return {reviewer: int(count) for reviewer, count in conn.execute(query)}
