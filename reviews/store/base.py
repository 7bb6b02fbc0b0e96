"""The one write path's foundation: a transaction that appends its audit event to the chain.

Every change of state in SynthReview goes through a method of ``reviews.store.Store``; each
runs in ``_transaction`` and calls ``_append_event`` before committing, so a change and its
record stand or fall together. Nothing outside this package writes to the database or the
artifact folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from reviews.audit import canonical_json, event_hash
from reviews.schema import audit_events, audit_head


def now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(stamp: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


class StoreBase:
    """Database plus artifact folder of one workspace."""

    def __init__(self, engine: Engine, artifact_root: Path):
        self.engine = engine
        self.artifact_root = artifact_root

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def _append_event(self, conn: Connection, actor: str, action: str, obj: str, payload: dict | None = None) -> int:
        # Locking the head row makes concurrent writers queue here on PostgreSQL; on SQLite
        # BEGIN IMMEDIATE already holds the database write lock.
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
        seq, time = head.seq + 1, now().isoformat(timespec="microseconds")
        payload_text = canonical_json(payload or {})
        digest = event_hash(head.hash, seq, time, actor, action, obj, payload_text)
        conn.execute(
            insert(audit_events).values(
                seq=seq, time=time, actor=actor, action=action, object=obj,
                payload=payload_text, prev_hash=head.hash, hash=digest,
            )
        )
        conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
        return seq
