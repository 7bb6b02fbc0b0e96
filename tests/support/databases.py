"""Fresh workspaces for tests: a SQLite file, or a new PostgreSQL database per test.

Every test gets its own database, but the migrations run once per test process: the first
fresh workspace of each kind migrates a template (a SQLite file, or a PostgreSQL database), and
later ones copy it (``CREATE DATABASE … TEMPLATE``), which is what the migrations would have
built. Migrating a fresh database is tested on its own, in tests/reviews/workspace.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from reviews.store import Store, open_store
from reviews.workspace.config import Settings
from reviews.workspace.db import make_engine, migrate

POSTGRES_ENV = "SYNTHREVIEW_TEST_POSTGRES_URL"


def postgres_database(base_url: str, template: str | None = None) -> str:
    """Create a database on the server of ``base_url`` (empty, or a copy of ``template``); return its URL."""
    name = f"synthreview_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        base_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    copy_of = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    admin.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


_MIGRATED: dict[str, str] = {}  # per test process: the migrated template of each kind


def _migrated_sqlite_file() -> Path:
    """A SQLite file at the newest schema, made once per process and removed at its exit."""
    if "sqlite" not in _MIGRATED:
        folder = Path(tempfile.mkdtemp(prefix="synthreview-schema-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "schema.db"
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
        engine.dispose()  # the last connection to close checkpoints the WAL into the file
        _MIGRATED["sqlite"] = str(path)
    return Path(_MIGRATED["sqlite"])


def _migrated_postgres_template(base_url: str) -> str:
    """The name of a PostgreSQL database at the newest schema, made once per process."""
    if "postgres" not in _MIGRATED:
        url = postgres_database(base_url)
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()  # a template may have no open connections while it is copied
        atexit.register(drop_database_url, url)
        _MIGRATED["postgres"] = url.rsplit("/", 1)[1]
    return _MIGRATED["postgres"]


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
        home.mkdir(parents=True, exist_ok=True)
        database = home / "synthreview.db"
        shutil.copyfile(_migrated_sqlite_file(), database)
        database.chmod(0o600)
        url = f"sqlite:///{database}"
    else:
        base = os.environ.get(POSTGRES_ENV)
        if not base:
            pytest.skip(f"{POSTGRES_ENV} is not set; PostgreSQL variant skipped")
        url = postgres_database(base, template=_migrated_postgres_template(base))
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(home))
    monkeypatch.setenv("SYNTHREVIEW_DATABASE_URL", url)
    monkeypatch.delenv("SYNTHREVIEW_ARTIFACTS", raising=False)
    return open_store(Settings(home, url, home / "artifacts", 200 * 1024 * 1024, False))
