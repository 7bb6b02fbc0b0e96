"""On SQLite only write transactions take the write lock up front; reads begin plain transactions.

A reader must get its answer (the last committed state) while a writer holds the lock, and a
second writer must still queue behind the first, so the audit chain stays one line.
"""

from __future__ import annotations

import threading

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain


def _sqlite_only(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("the IMMEDIATE/plain split is SQLite's; PostgreSQL has row locks")


def test_a_reader_is_not_blocked_while_a_writer_holds_the_lock(store):
    _sqlite_only(store)
    before = len(queries.audit_frame(store))
    seen = {}

    def read():
        seen["events"] = len(queries.audit_frame(store))

    with store._transaction() as conn:
        store._append_event(conn, "admin", "probe.write", "probe:1")
        reader = threading.Thread(target=read)
        reader.start()
        # Under BEGIN IMMEDIATE for reads this waits the whole busy timeout (30 s) and fails.
        reader.join(timeout=10)
        assert not reader.is_alive(), "the read waited for the writer's lock"
    assert seen["events"] == before  # the committed snapshot, not the open write
    assert len(queries.audit_frame(store)) == before + 1


def test_a_second_writer_still_queues_behind_the_first(store):
    _sqlite_only(store)
    before = len(queries.audit_frame(store))
    errors = []

    def write():
        try:
            with store._transaction() as conn:
                store._append_event(conn, "admin", "probe.second", "probe:2")
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)

    with store._transaction() as conn:
        store._append_event(conn, "admin", "probe.first", "probe:1")
        second = threading.Thread(target=write)
        second.start()
        second.join(timeout=1)
        assert second.is_alive(), "the second writer did not wait for the write lock"
    second.join(timeout=30)
    assert not second.is_alive() and errors == []
    assert len(queries.audit_frame(store)) == before + 2
    assert verify_chain(store.engine).ok
