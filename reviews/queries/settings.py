"""Reads of workspace settings and officers' grants."""

from __future__ import annotations

from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import app_settings, grants

DEFAULT_SETTINGS = {"max_depth": 1}


def get_setting(store: Store, key: str):
    with store.engine.connect() as conn:
        value = conn.execute(
            select(app_settings.c.value).where(app_settings.c.key == key)
        ).scalar_one_or_none()
    return DEFAULT_SETTINGS.get(key) if value is None else value


def _grant(row) -> dict:
    return {
        "dataset_id": row.dataset_id,
        "kind": row.kind,
        "by": row.granted_by,
        "justification": row.justification,
        "at": row.granted_at.isoformat(),
    }


def get_grant(store: Store, kind: str, dataset_id: int) -> dict | None:
    """The officer's grant of ``kind`` in force for a dataset ({by, justification, at}), or None."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(grants)
            .where(grants.c.kind == kind, grants.c.dataset_id == int(dataset_id))
            .order_by(grants.c.id.desc())
            .limit(1)
        ).first()
    return None if row is None else _grant(row)


def grants_in_force(store: Store) -> list[dict]:
    """Every grant in force (the newest per dataset and kind), newest first, in one query."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(grants).order_by(grants.c.id.desc())).all()
    newest: dict[tuple[int, str], dict] = {}
    for row in rows:
        newest.setdefault((row.dataset_id, row.kind), _grant(row))
    return list(newest.values())
