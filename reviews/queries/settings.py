"""Reads of workspace settings and officers' grants."""

from __future__ import annotations

from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import app_settings

DEFAULT_SETTINGS = {"max_depth": 1}


def get_setting(store: Store, key: str):
    with store.engine.connect() as conn:
        value = conn.execute(
            select(app_settings.c.value).where(app_settings.c.key == key)
        ).scalar_one_or_none()
    return DEFAULT_SETTINGS.get(key) if value is None else value


def get_grant(store: Store, kind: str, dataset_id: int) -> dict | None:
    """An officer's grant about a dataset ({by, justification, at}), or None."""
    return get_setting(store, f"{kind}:{int(dataset_id)}")
