"""Fresh workspaces for tests: a SQLite file, or a new PostgreSQL schema per test."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, make_url, text

from reviews.store import Store, open_store
from reviews.workspace.config import Settings

POSTGRES_ENV = "SYNTHREVIEW_TEST_POSTGRES_URL"


def postgres_database(base_url: str) -> str:
    """Create an empty database on the server of ``base_url`` and return its URL."""
    name = f"synthreview_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        base_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(store: Store) -> None:
    """Remove a database made by ``fresh_store`` once its test is over."""
    url = store.engine.url
    store.engine.dispose()
    if url.get_backend_name() == "postgresql":
        drop_database_url(url)


def drop_database_url(url) -> None:
    """Drop the PostgreSQL database that ``url`` names (connections to it are closed first)."""
    url = (
        make_url(str(url).replace("postgresql://", "postgresql+psycopg://", 1))
        if isinstance(url, str)
        else url
    )
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def fresh_store(kind: str, tmp_path, monkeypatch) -> Store:
    """Open a migrated store of ``kind`` ("sqlite" or "postgres") with its home under ``tmp_path``."""
    home = tmp_path / "home"
    if kind == "sqlite":
        url = f"sqlite:///{home / 'synthreview.db'}"
    else:
        base = os.environ.get(POSTGRES_ENV)
        if not base:
            pytest.skip(f"{POSTGRES_ENV} is not set; PostgreSQL variant skipped")
        url = postgres_database(base)
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(home))
    monkeypatch.setenv("SYNTHREVIEW_DATABASE_URL", url)
    monkeypatch.delenv("SYNTHREVIEW_ARTIFACTS", raising=False)
    return open_store(Settings(home, url, home / "artifacts", 200 * 1024 * 1024, False))
