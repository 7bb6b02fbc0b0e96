"""The one write path's foundation: a transaction that appends its audit event to the chain.

Every change of state in SynthReview goes through a method of ``reviews.store.Store``; each
runs in ``_transaction`` and calls ``_append_event`` before committing, so a change and its
record stand or fall together. Nothing outside this package writes to the database or the
artifact folder.

Every write method is wrapped in ``@retried``: when the database reports a lost race (a
deadlock, a serialisation failure, SQLite's "database is locked"), the transaction has rolled
back and the whole method runs again, checks included. So a write method must do its database
work in one ``_transaction`` (or be safe to repeat), and a nested write runs inside the outer
one's retry rather than retrying on its own.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, insert, select, update

from reviews.audit.hashing import canonical_json, event_hash
from reviews.store.retry import run_with_retry
from reviews.workspace.db import write_transaction
from reviews.workspace.schema import audit_events, audit_head

Method = TypeVar("Method", bound=Callable)
_in_write = threading.local()


DUPLICATE_SECONDS = 10  # an identical request this soon after the first is a double submission


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(stamp: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def retried(method: Method) -> Method:
    """Run a store write as one retryable unit of work (see the module docstring)."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        if getattr(_in_write, "depth", 0):
            return method(self, *args, **kwargs)  # the outermost write owns the retry

        def attempt():
            _in_write.depth = 1
            try:
                return method(self, *args, **kwargs)
            finally:
                _in_write.depth = 0

        return run_with_retry(attempt)

    run.retried = True
    return run  # type: ignore[return-value]


class StoreBase:
    """Database plus artifact folder of one workspace."""

    def __init__(self, engine: Engine, artifact_root: Path):
        self.engine = engine
        self.artifact_root = artifact_root
        # Set when this process queues a job, so its own runner starts it at once instead of at
        # its next look at the queue (other processes' runners still look every poll interval).
        self.job_queued = threading.Event()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with write_transaction(self.engine) as conn:
            yield conn

    def _serialise_writers(self, conn: Connection) -> None:
        """Take the audit head's lock now, before checking for a duplicate request, so that two
        identical requests cannot both find none (SQLite's BEGIN IMMEDIATE already serialises)."""
        conn.execute(select(audit_head.c.id).where(audit_head.c.id == 1).with_for_update())

    def _append_event(
        self, conn: Connection, actor: str, action: str, obj: str, payload: dict | None = None
    ) -> int:
        # Locking the head row makes concurrent writers queue here on PostgreSQL; on SQLite
        # BEGIN IMMEDIATE already holds the database write lock.
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
        seq, time = head.seq + 1, now().isoformat(timespec="microseconds")
        payload_text = canonical_json(payload or {})
        digest = event_hash(head.hash, seq, time, actor, action, obj, payload_text)
        conn.execute(
            insert(audit_events).values(
                seq=seq,
                time=time,
                actor=actor,
                action=action,
                object=obj,
                payload=payload_text,
                prev_hash=head.hash,
                hash=digest,
            )
        )
        conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
        return seq

    def remove_abandoned_temp_files(self, older_than_seconds: float = 3600.0) -> list[Path]:
        """Delete ``.tmp-*`` files a killed process left in the artifact folder.

        Readers only open the paths the catalogue names, so these are never taken for data; the
        age limit spares files that another replica is writing right now.
        """
        folder = self.artifact_root / "datasets"
        if not folder.is_dir():
            return []
        cutoff = time.time() - older_than_seconds
        removed = []
        for path in folder.glob(".tmp-*"):
            try:
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:  # another replica cleaned it first
                continue
        return removed
