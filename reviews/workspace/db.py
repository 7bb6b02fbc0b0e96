"""Engine creation and schema migration for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
# Execution option marking a connection whose transaction writes; only those take SQLite's
# write lock up front (see ``_make_sqlite_serialisable``).
WRITE = "synthreview_write"


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and immediate write transactions.

    A SQLite file is created owner-only (0600) before SQLite opens it: it holds password hashes
    and example values from profiles. SQLite gives its -wal and -shm files the database file's
    mode, so they are private too.
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not path.startswith("file:"):
            _private_file(Path(path))
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _make_sqlite_serialisable(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def _private_file(path: Path) -> None:
    """Create ``path`` as an empty 0600 file if missing; tighten an existing one and its WAL files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if existing.stat().st_mode & 0o077:
                existing.chmod(0o600)  # a workspace made before this rule
        except (FileNotFoundError, PermissionError):
            continue  # absent, or not ours to change; SQLite says so if it cannot open the file


def _make_sqlite_serialisable(engine: Engine) -> None:
    # pysqlite's default deferred BEGIN lets two writers read the same chain head and then
    # collide; BEGIN IMMEDIATE takes the write lock up front, so appends queue instead. Reads
    # begin a plain (deferred) transaction: under WAL they see a snapshot and never wait for,
    # nor block, the writer.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            yield conn


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to ``engine``, without needing an alembic.ini on disk."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (creating it on a fresh database).

    A database already at the newest migration is left alone without importing Alembic: the app
    opens its store when the first visitor arrives, and Alembic with its dialects and templates
    takes about a second to import on a small machine."""
    if revision == "head" and head_revision() is not None and stored_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision``."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


# ``revision = "0013"``, ``down_revision: str | None = '0012'`` or ``= None``, as Alembic writes them.
_REVISION_LINE = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:["']([^"'\n]*)["']|None)\s*$""", re.MULTILINE
)


@cache
def head_revision() -> str | None:
    """The newest migration's revision, read from the migration files' own ``revision`` lines;
    None when they do not form one plain chain (Alembic then decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION_LINE.finditer(path.read_text()))
        if not found.get("revision"):
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stored_revision(engine: Engine) -> str | None:
    """The revision the database says it is at (None for a new database)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DatabaseError:  # no version table yet
        return None
    return rows[0] if len(rows) == 1 else None
