"""Retrying a unit of work when the database asks for it: serialisation failures, deadlocks,
and SQLite's "database is locked".

These errors mean "another writer got there first; run your transaction again", not "your
request is wrong", so the store re-runs the whole write (see ``reviews.store.base``) after a
short, growing, jittered pause. Any other error is raised at once. Written here rather than
taken from a retry library because the only policy needed is a few lines, and the
classification of database errors is specific to SQLAlchemy's wrapping of psycopg and sqlite3.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from reviews.errors import StoreBusy

T = TypeVar("T")

# 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available (lock_timeout).
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
SQLITE_BUSY_MESSAGES = ("database is locked", "database is busy", "database table is locked")


@dataclass(frozen=True)
class Backoff:
    """How often and how long to wait: ``base * 2**attempt`` capped at ``cap``, with full jitter."""

    attempts: int = 8
    base_seconds: float = 0.02
    cap_seconds: float = 1.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Pause before retry number ``attempt`` (0-based); random in [0, bound] so writers spread out."""
        bound = min(self.cap_seconds, self.base_seconds * (2**attempt))
        return (rng or random).uniform(0.0, bound)


DEFAULT_BACKOFF = Backoff()


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` says the transaction lost a race and may simply be run again."""
    # A dropped connection is not retried: if it dropped during COMMIT, the change may have
    # been saved, and running it again would record it twice.
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate in RETRYABLE_SQLSTATES:
        return True
    if isinstance(original, sqlite3.OperationalError):
        message = str(original).lower()
        return any(text in message for text in SQLITE_BUSY_MESSAGES)
    return False


def run_with_retry(
    work: Callable[[], T],
    backoff: Backoff = DEFAULT_BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[int, BaseException], None] | None = None,
) -> T:
    """Call ``work`` until it succeeds, retrying transient database errors with backoff.

    ``work`` must be a whole unit of work (its transaction opened and committed inside it), so
    running it again after a rollback is safe. When every attempt failed, raises ``StoreBusy``,
    which a page or the CLI shows as one line.
    """
    for attempt in range(backoff.attempts):
        try:
            return work()
        except Exception as exc:
            if not is_transient(exc):
                raise
            if attempt + 1 == backoff.attempts:
                raise StoreBusy(
                    "The database is busy with other changes and this one could not be saved; "
                    "nothing was changed, please try again in a moment."
                ) from exc
            if on_retry is not None:
                on_retry(attempt, exc)
            sleep(backoff.delay(attempt))
    raise AssertionError("unreachable")  # pragma: no cover
