"""Retrying lost races: transient database errors re-run the whole write; others never do."""

from __future__ import annotations

import inspect
import re
import sqlite3
import threading

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from reviews.audit.chain import verify_chain
from reviews.errors import Conflict
from reviews.store import Store
from reviews.store.base import StoreBase
from reviews.store.retry import Backoff, StoreBusy, is_transient, run_with_retry
from reviews.workspace.permissions import SYSTEM
from reviews.workspace.schema import users


def _wrapped(error: BaseException) -> OperationalError:
    """The error as SQLAlchemy hands it over from the driver."""
    return OperationalError("UPDATE audit_head ...", {}, error)


SERIALIZATION = _wrapped(psycopg.errors.SerializationFailure("could not serialize access"))
DEADLOCK = _wrapped(psycopg.errors.DeadlockDetected("deadlock detected"))
LOCKED = _wrapped(sqlite3.OperationalError("database is locked"))


class Flaky:
    """Raises ``error`` the first ``failures`` calls, then returns ``"ok"``."""

    def __init__(self, error: BaseException, failures: int):
        self.error, self.failures, self.calls = error, failures, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "ok"


@pytest.mark.parametrize(
    "error", [SERIALIZATION, DEADLOCK, LOCKED], ids=["serialization", "deadlock", "locked"]
)
def test_transient_errors_are_retried_with_growing_pauses(error):
    work, pauses = Flaky(error, failures=3), []
    assert (
        run_with_retry(work, Backoff(attempts=5, base_seconds=0.1, cap_seconds=0.25), sleep=pauses.append)
        == "ok"
    )
    assert work.calls == 4 and len(pauses) == 3
    assert [0 <= p <= bound for p, bound in zip(pauses, (0.1, 0.2, 0.25))] == [True] * 3


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
        _wrapped(sqlite3.OperationalError("no such table: users")),
        _wrapped(psycopg.errors.UndefinedTable("relation does not exist")),
        ValueError("a bug"),
    ],
    ids=["integrity", "sqlite-other", "pg-other", "not-database"],
)
def test_other_errors_are_raised_at_once(error):
    work = Flaky(error, failures=1)
    with pytest.raises(type(error)):
        run_with_retry(work, sleep=lambda _s: pytest.fail("must not wait"))
    assert work.calls == 1 and not is_transient(error)


def test_giving_up_says_nothing_changed():
    work = Flaky(DEADLOCK, failures=99)
    with pytest.raises(StoreBusy, match="nothing was changed") as caught:
        run_with_retry(work, Backoff(attempts=4), sleep=lambda _s: None)
    assert work.calls == 4 and caught.value.__cause__ is DEADLOCK


def test_backoff_is_capped():
    backoff = Backoff(attempts=20, base_seconds=0.02, cap_seconds=1.0)
    assert max(backoff.delay(n) for n in range(20) for _ in range(20)) <= 1.0


@pytest.mark.parametrize("error", [SERIALIZATION, LOCKED], ids=["serialization", "locked"])
def test_store_write_is_rerun_whole_after_a_lost_race(store, monkeypatch, error):
    real_append, calls = StoreBase._append_event, []

    def append_that_loses_twice(self, conn, *args, **kwargs):
        calls.append(args[1])
        real_append(self, conn, *args, **kwargs)  # the insert is done, then the race is lost
        if len(calls) <= 2:
            raise error

    monkeypatch.setattr(StoreBase, "_append_event", append_that_loses_twice)
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    assert calls == ["user.create"] * 3
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(users)).scalar_one() == 1
    report = verify_chain(store.engine)
    assert report.ok and report.events == 1


def test_store_does_not_retry_a_real_conflict(store, monkeypatch):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    attempts = []
    real_append = StoreBase._append_event
    monkeypatch.setattr(
        StoreBase, "_append_event", lambda *a, **k: attempts.append(1) or real_append(*a, **k)
    )
    with pytest.raises(Conflict, match="already exists"):
        store.create_user(SYSTEM, "admin", "other-pass-phrase1", "admin")
    assert attempts == []  # the unique index refused the insert; no second try


def test_nested_write_is_retried_once_as_a_whole(store, monkeypatch):
    failures = Flaky(DEADLOCK, failures=1)
    real_append = StoreBase._append_event

    def append(self, conn, *args, **kwargs):
        failures()
        return real_append(self, conn, *args, **kwargs)

    monkeypatch.setattr(StoreBase, "_append_event", append)
    store.create_first_admin("root", "root-pass-phrase1")  # calls create_user inside
    assert failures.calls == 2 and verify_chain(store.engine).ok


def _opens_transaction(name: str, seen: set[str]) -> bool:
    """True when Store.<name> opens a transaction itself or through one of its private helpers."""
    source = inspect.getsource(getattr(Store, name))
    if "self._transaction()" in source:
        return True
    seen.add(name)
    helpers = set(re.findall(r"self\.(_[a-z]\w*)\(", source)) - seen - {"_transaction", "_append_event"}
    return any(callable(getattr(Store, h, None)) and _opens_transaction(h, seen) for h in helpers)


def test_every_store_write_is_retried():
    # A write method that opens a transaction without @retried would surface lost races to users.
    unwrapped = [
        name
        for name, member in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_")
        and not getattr(member, "retried", False)
        and _opens_transaction(name, set())
    ]
    assert unwrapped == [], f"add @retried to {unwrapped}"


def test_real_sqlite_lock_is_classified_transient(tmp_path):
    url = f"sqlite:///{tmp_path / 'lock.db'}"
    holder = create_engine(url)
    waiter = create_engine(url, connect_args={"timeout": 0})
    with holder.connect() as held:
        held.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        held.commit()
        held.exec_driver_sql("BEGIN IMMEDIATE")
        with waiter.connect() as conn, pytest.raises(OperationalError) as caught:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        held.rollback()
    assert is_transient(caught.value)


def test_real_postgres_deadlock_is_classified_transient(store):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("deadlock detection is PostgreSQL's; SQLite's single writer lock cannot deadlock")
    with store.engine.begin() as conn:
        conn.execute(text("CREATE TABLE deadlock_probe (id INT PRIMARY KEY, v INT)"))
        conn.execute(text("INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)"))
    barrier, errors = threading.Barrier(2), []

    def lock(first: int, second: int) -> None:
        try:
            with store.engine.begin() as conn:
                conn.execute(text("SET LOCAL deadlock_timeout = '100ms'"))
                conn.execute(text("UPDATE deadlock_probe SET v = v + 1 WHERE id = :i"), {"i": first})
                barrier.wait()
                conn.execute(text("UPDATE deadlock_probe SET v = v + 1 WHERE id = :i"), {"i": second})
        except OperationalError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=lock, args=pair) for pair in ((1, 2), (2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(errors) == 1 and is_transient(errors[0])
