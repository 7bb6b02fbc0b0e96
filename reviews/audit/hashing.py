"""How an audit event is hashed: the one formula the write path appends with and verification checks.

Each event's ``hash = sha256(prev_hash + canonical JSON of {seq, time, actor, action, object,
payload})``, so editing any field of any event changes its hash and breaks the link to the next.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

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
