"""The audit chain catches edits, deletes and reorders made directly in SQL."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import text

from reviews.audit.chain import verify_chain
from reviews.audit.hashing import GENESIS, canonical_json
from reviews.workspace.permissions import SYSTEM


def _chain(store, n=4):
    store.create_user(SYSTEM, "root", "correct horse", "admin")
    for i in range(n - 1):
        store.set_setting(SYSTEM, "max_depth", i + 1)


def test_hash_matches_definition(store):
    _chain(store, 1)
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM audit_events WHERE seq = 1")).mappings().one()
    body = {
        "seq": 1,
        "time": row["time"],
        "actor": "system",
        "action": "user.create",
        "object": "user:root",
        "payload": json.loads(row["payload"]),
    }
    expected = hashlib.sha256((GENESIS + canonical_json(body)).encode()).hexdigest()
    assert row["prev_hash"] == GENESIS and row["hash"] == expected


def test_intact_chain_verifies(store):
    _chain(store)
    report = verify_chain(store.engine)
    assert report.ok and report.events == 4


def test_edit_is_caught(store):
    _chain(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2"))
    report = verify_chain(store.engine)
    assert not report.ok and report.first_broken == 2


def test_delete_in_the_middle_is_caught(store):
    _chain(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    report = verify_chain(store.engine)
    assert not report.ok and report.first_broken == 3


def test_delete_of_the_newest_is_caught(store):
    _chain(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 4"))
    report = verify_chain(store.engine)
    assert not report.ok and report.first_broken == 4


def test_reorder_is_caught(store):
    _chain(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET seq = 100 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_events SET seq = 2 WHERE seq = 3"))
        conn.execute(text("UPDATE audit_events SET seq = 3 WHERE seq = 100"))
    report = verify_chain(store.engine)
    assert not report.ok and report.first_broken == 2
