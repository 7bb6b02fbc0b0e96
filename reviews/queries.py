"""Read-only views of the workspace for pages and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from reviews import artifacts
from reviews.errors import NotFound
from reviews.schema import app_settings, audit_events, datasets, users
from reviews.store import Store
from synth.i18n import Msg, N_

DEFAULT_SETTINGS = {"max_depth": 1}


@dataclass(frozen=True)
class DatasetRecord:
    """One catalogued table."""

    id: int
    name: str
    sha256: str
    kind: str
    parent_id: int | None
    depth: int
    purpose: str | None
    labels: dict
    lineage: dict | None
    profile: dict | None
    rows: int
    columns: int
    train_id: int | None
    holdout_id: int | None
    created_by: str
    created_at: datetime
    artifact_path: str
    source_path: str | None


def list_datasets(store: Store) -> list[DatasetRecord]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(datasets).order_by(datasets.c.id)).mappings().all()
    return [DatasetRecord(**row) for row in rows]


def get_dataset(store: Store, dataset_id: int) -> DatasetRecord:
    with store.engine.connect() as conn:
        row = conn.execute(select(datasets).where(datasets.c.id == dataset_id)).mappings().one_or_none()
    if row is None:
        raise NotFound(Msg("No dataset with id {dataset_id}; see the list of datasets.", dataset_id=dataset_id))
    return DatasetRecord(**row)


def load_frame(store: Store, dataset_id: int) -> pd.DataFrame:
    """The stored table; a copy, so callers may change it freely."""
    return stored_frame(str(store.artifact_root), get_dataset(store, dataset_id).artifact_path).copy()


@lru_cache(maxsize=16)
def stored_frame(root: str, relative_path: str) -> pd.DataFrame:
    """A stored table, read once per process; callers must not change it (``load_frame`` copies)."""
    # Files are named by their content hash and never change, so caching by path is safe.
    return artifacts.read_frame(Path(root), relative_path)


def active_usernames(store: Store, role: str) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(users.c.username).where(users.c.role == role, users.c.active.is_(True))
                                 .order_by(users.c.username)).scalars())


# Column names of the users table; pages show them translated (``ui.tables.translated``).
USER_COLUMNS = [N_("username"), N_("role"), N_("active"), N_("language"), N_("created_at")]


def list_users(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(users.c.username, users.c.role, users.c.active, users.c.language, users.c.created_at).order_by(users.c.username)
        ).mappings().all()
    return pd.DataFrame(rows, columns=USER_COLUMNS)


def user_language(store: Store, username: str) -> str | None:
    """The interface language the user chose, or None when they never chose one."""
    with store.engine.connect() as conn:
        return conn.execute(select(users.c.language).where(users.c.username == username)).scalar_one_or_none()


def get_setting(store: Store, key: str):
    with store.engine.connect() as conn:
        value = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar_one_or_none()
    return DEFAULT_SETTINGS.get(key) if value is None else value


def get_grant(store: Store, kind: str, dataset_id: int) -> dict | None:
    """An officer's grant about a dataset ({by, justification, at}), or None."""
    return get_setting(store, f"{kind}:{int(dataset_id)}")


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
