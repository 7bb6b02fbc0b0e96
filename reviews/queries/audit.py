"""Reads of the audit log: the log as people read it, the chain as verification walks it, events by object."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select

from reviews.audit.hashing import GENESIS
from reviews.store import Store
from reviews.workspace.schema import audit_events, audit_head

# Objects per ``IN (...)`` so a long lineage stays under the databases' parameter limits.
_CHUNK = 500


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


# Roles that read every event in full; anyone else (a reviewer) reads other people's answers
# only as "who did what when", so the Review page's promise holds in the audit log too.
FULL_AUDIT_ROLES = frozenset({"admin", "steward", "officer"})
PRIVATE_PREFIX = "review."  # a reviewer's answers: rankings, labels, flags, skips
_HIDDEN = ("payload", "prev_hash", "hash")


def visible_audit_frame(store: Store, viewer, action_prefix: str | None = None) -> pd.DataFrame:
    """The audit log as ``viewer`` (an ``Actor``) may read it, newest first.

    Other reviewers' ``review.*`` events keep their seq, time, actor, action and object; their
    payload is removed, and so are their hashes, since a hash over a small answer space would
    let one guess the answer. Verification reads the full chain elsewhere (``chain_rows``).
    """
    frame = audit_frame(store, action_prefix)
    if viewer.role in FULL_AUDIT_ROLES or frame.empty:
        return frame
    private = frame["action"].str.startswith(PRIVATE_PREFIX) & (frame["actor"] != viewer.username)
    frame = frame.astype({name: object for name in _HIDDEN})
    frame.loc[private, list(_HIDDEN)] = ""
    return frame


def chain_head(engine) -> tuple[int, str]:
    """The chain's newest ``(seq, hash)`` as its head row records it; ``(0, GENESIS)`` when empty."""
    with engine.connect() as conn:
        head = conn.execute(
            select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
        ).one_or_none()
    return (int(head.seq), str(head.hash)) if head is not None else (0, GENESIS)


def chain_rows(engine) -> tuple:
    """The chain's head row (``seq``, ``hash``; None when empty) and every event in ``seq`` order."""
    with engine.connect() as conn:
        head = conn.execute(
            select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
        ).one_or_none()
        rows = conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings().all()
    return head, rows


def events_of(store: Store, obj: str, action: str, newest_first: bool = False) -> Sequence:
    """The events with this ``action`` on this ``obj`` (e.g. ``"dataset:3"``), in ``seq`` order."""
    order = audit_events.c.seq.desc() if newest_first else audit_events.c.seq
    with store.engine.connect() as conn:
        return (
            conn.execute(
                select(audit_events)
                .where(audit_events.c.object == obj, audit_events.c.action == action)
                .order_by(order)
            )
            .mappings()
            .all()
        )


def events_about(store: Store, objects: list[str], until_seq: int) -> list:
    """The events on any of ``objects`` up to and including ``until_seq``, in no set order."""
    events: list = []
    with store.engine.connect() as conn:
        for start in range(0, len(objects), _CHUNK):
            events += (
                conn.execute(
                    select(audit_events).where(
                        audit_events.c.object.in_(objects[start : start + _CHUNK]),
                        audit_events.c.seq <= until_seq,
                    )
                )
                .mappings()
                .all()
            )
    return events
