"""Reads of acceptance decisions: which round's verdicts made which accepted dataset, and who applied them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import acceptance_decisions


def latest_decision(store: Store, dataset_id: int, accepted: bool) -> dict | None:
    """The newest decision that made ``dataset_id`` (``accepted``) or was applied to it, or None."""
    column = acceptance_decisions.c.accepted_dataset_id if accepted else acceptance_decisions.c.dataset_id
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(acceptance_decisions)
                .where(column == dataset_id)
                .order_by(acceptance_decisions.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
    return None if row is None else dict(row)


def deciders(store: Store, accepted_dataset_id: int) -> Sequence:
    """(decided_by, round_id) of each decision that made the accepted dataset."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(acceptance_decisions.c.decided_by, acceptance_decisions.c.round_id).where(
                acceptance_decisions.c.accepted_dataset_id == accepted_dataset_id
            )
        ).all()
