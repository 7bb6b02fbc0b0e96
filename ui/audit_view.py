"""The audit log's event contents in the reader's language.

The log keeps each event's content as the JSON it hashed, in English; the table on the page shows
a copy in which the words the core stores (dataset kinds, purposes, statuses, verdicts, gate
names, the parts of a generated dataset's name) are translated. Keys, identifiers, numbers and
what people typed stay as stored, and the CSV download is the record itself.
"""

from __future__ import annotations

import json

import pandas as pd

from synth.purposes.gates import gate_label
from ui.i18n import _
from ui.labels import generated_name

# Keys whose string values are words of the core's vocabulary (ui.i18n_terms), never typed by people.
_WORD_KEYS = frozenset({"kind", "purpose", "status", "verdict", "mode", "message"})


def _shown(value, key: str | None = None, kind: str = ""):
    if isinstance(value, dict):
        own_kind = value.get("kind") if isinstance(value.get("kind"), str) else ""
        if key == "gates":  # {gate name: status}
            return {_(gate_label(k)): _shown(v, "status") for k, v in value.items()}
        return {k: _shown(v, k, own_kind) for k, v in value.items()}
    if isinstance(value, list):
        return [_shown(v, None, kind) for v in value]
    if isinstance(value, str) and key in _WORD_KEYS:
        return _(value)
    if isinstance(value, str) and key == "name" and kind:
        return generated_name(value, kind)
    return value


def readable_payload(payload: object) -> object:
    """One event's content (its stored JSON text) with the core's words translated."""
    if not isinstance(payload, str) or not payload.startswith("{"):
        return payload
    try:
        content = json.loads(payload)
    except ValueError:
        return payload
    return json.dumps(_shown(content), ensure_ascii=False, separators=(",", ":"))


def readable_events(events: pd.DataFrame) -> pd.DataFrame:
    """A copy of the audit table for the page, its contents in the reader's language."""
    shown = events.copy()
    if "payload" in shown.columns:
        shown["payload"] = shown["payload"].map(readable_payload)
    return shown
