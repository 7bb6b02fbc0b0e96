"""Reads of the audit log."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import audit_events


def audit_frame(store: Store, action_prefix: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Audit events newest first, optionally filtered by action prefix."""
    query = select(audit_events).order_by(audit_events.c.seq.desc())
    if action_prefix:
        query = query.where(audit_events.c.action.startswith(action_prefix))
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in audit_events.columns])
