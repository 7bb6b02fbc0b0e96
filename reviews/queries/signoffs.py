"""Reads of sign-offs: every verdict stays on record, the newest per dataset is the one that counts."""

from __future__ import annotations

from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import signoffs


def signoff_rows(store: Store, dataset_id: int | None = None) -> list[dict]:
    """Every sign-off row, newest first, optionally of one dataset."""
    query = select(signoffs).order_by(signoffs.c.id.desc())
    if dataset_id is not None:
        query = query.where(signoffs.c.dataset_id == dataset_id)
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def latest_verdict(store: Store, dataset_id: int) -> str | None:
    """The verdict of the dataset's newest sign-off (the one that counts); None while unsigned."""
    query = (
        select(signoffs.c.verdict)
        .where(signoffs.c.dataset_id == dataset_id)
        .order_by(signoffs.c.id.desc())
        .limit(1)
    )
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()
