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
