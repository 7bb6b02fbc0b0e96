"""The tamper-evident audit chain verified: every event's hash recomputed in ``seq`` order.

How an event is hashed lives in ``reviews.audit.hashing``. Editing, deleting or reordering any
row breaks a hash or the sequence, and the head row catches removal of the newest events.
Appending happens only in ``reviews.store``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviews.audit.hashing import GENESIS, event_hash
from reviews.queries.audit import chain_rows
from synth.i18n import Msg


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


def verify_chain(engine) -> ChainReport:
    """Walk the whole chain in ``seq`` order and report the first event that does not fit."""
    expected_prev, expected_seq, count = GENESIS, 1, 0
    head, rows = chain_rows(engine)
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
