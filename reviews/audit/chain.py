"""The tamper-evident audit chain: how an event is hashed, and how the chain is verified.

Each event's ``hash = sha256(prev_hash + canonical JSON of {seq, time, actor, action, object,
payload})``. Editing, deleting or reordering any row breaks a hash or the sequence, and the
head row catches removal of the newest events. Appending happens only in ``reviews.store``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from reviews.workspace.schema import audit_events, audit_head
from synth.i18n import Msg

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, so the same content always hashes the same."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, seq: int, time: str, actor: str, action: str, obj: str, payload: str) -> str:
    """Hash of one event; ``payload`` is the canonical JSON text already stored."""
    body = canonical_json(
        {
            "seq": seq,
            "time": time,
            "actor": actor,
            "action": action,
            "object": obj,
            "payload": json.loads(payload),
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """Outcome of a verification; ``first_broken`` is the seq of the first bad event, ``reason`` a ``Msg``."""

    ok: bool
    events: int
    first_broken: int | None = None
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "events": self.events,
            "first_broken": self.first_broken,
            "reason": self.reason,
        }


def verify_chain(engine: Engine) -> ChainReport:
    """Walk the whole chain in ``seq`` order and report the first event that does not fit."""
    expected_prev, expected_seq, count = GENESIS, 1, 0
    with engine.connect() as conn:
        head = conn.execute(
            select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
        ).one_or_none()
        rows = conn.execute(select(audit_events).order_by(audit_events.c.seq)).mappings()
        for row in rows:
            count += 1
            if row["seq"] != expected_seq:
                return ChainReport(
                    False,
                    count,
                    expected_seq,
                    Msg("event {seq} is missing or out of order", seq=expected_seq),
                )
            if row["prev_hash"] != expected_prev:
                return ChainReport(
                    False,
                    count,
                    row["seq"],
                    Msg("event {seq} does not link to the event before it", seq=row["seq"]),
                )
            recomputed = event_hash(
                row["prev_hash"],
                row["seq"],
                row["time"],
                row["actor"],
                row["action"],
                row["object"],
                row["payload"],
            )
            if recomputed != row["hash"]:
                return ChainReport(
                    False,
                    count,
                    row["seq"],
                    Msg("event {seq} was changed after it was written", seq=row["seq"]),
                )
            expected_prev, expected_seq = row["hash"], expected_seq + 1
    if head is None or head.seq != expected_seq - 1 or head.hash != expected_prev:
        return ChainReport(
            False,
            count,
            expected_seq,
            Msg(
                "the chain ends at event {seq} but its head disagrees; newer events were removed",
                seq=expected_seq - 1,
            ),
        )
    return ChainReport(True, count)
