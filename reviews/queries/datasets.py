"""Reads of catalogued datasets and their stored tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from reviews.errors import NotFound
from reviews.store import Store
from reviews.workspace import artifacts
from reviews.workspace.schema import datasets
from synth.i18n import Msg


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


def datasets_with_sha256(store: Store, sha256: str) -> list[int]:
    """Ids of the datasets whose stored table has this sha256, oldest first."""
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(datasets.c.id).where(datasets.c.sha256 == sha256).order_by(datasets.c.id)
            ).scalars()
        )


def get_dataset(store: Store, dataset_id: int) -> DatasetRecord:
    with store.engine.connect() as conn:
        row = conn.execute(select(datasets).where(datasets.c.id == dataset_id)).mappings().one_or_none()
    if row is None:
        raise NotFound(
            Msg("No dataset with id {dataset_id}; see the list of datasets.", dataset_id=dataset_id)
        )
    return DatasetRecord(**row)


def load_frame(store: Store, dataset_id: int) -> pd.DataFrame:
    """The stored table; a copy, so callers may change it freely."""
    return stored_frame(str(store.artifact_root), get_dataset(store, dataset_id).artifact_path).copy()


def first_rows(store: Store, dataset_id: int, count: int) -> pd.DataFrame:
    """The stored table's first ``count`` rows (a preview), without copying the whole table."""
    return (
        stored_frame(str(store.artifact_root), get_dataset(store, dataset_id).artifact_path)
        .head(count)
        .copy()
    )


@lru_cache(maxsize=16)
def stored_frame(root: str, relative_path: str) -> pd.DataFrame:
    """A stored table, read once per process; callers must not change it (``load_frame`` copies)."""
    # Files are named by their content hash and never change, so caching by path is safe.
    return artifacts.read_frame(Path(root), relative_path)


def column_names(store: Store, dataset_id: int) -> list[str]:
    """The stored table's column names, in order, read from the Parquet file's footer only."""
    return list(_stored_columns(str(store.artifact_root), get_dataset(store, dataset_id).artifact_path))


@lru_cache(maxsize=256)
def _stored_columns(root: str, relative_path: str) -> tuple[str, ...]:
    return artifacts.read_columns(Path(root), relative_path)


def stored_file_sha256(store: Store, dataset_id: int) -> str | None:
    """sha256 of the dataset's Parquet file as it is on disk now (not cached), or None if it is gone."""
    path = store.artifact_root / get_dataset(store, dataset_id).artifact_path
    try:
        return artifacts.sha256_hex(path.read_bytes())
    except FileNotFoundError:
        return None
