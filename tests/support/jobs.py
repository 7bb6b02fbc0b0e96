"""Job kinds that exist only inside a test, added to and removed from ``reviews.jobs.kinds.KINDS``."""

from __future__ import annotations

from collections.abc import Callable

from reviews.jobs.kinds import KINDS, JobKind


class _TestKinds:
    """``HANDLERS.pop(kind)`` removes a kind a test added; the real kinds are never touched."""

    def pop(self, kind: str) -> JobKind:
        return KINDS.pop(kind)


HANDLERS = _TestKinds()


def handler(kind: str, permission: str = "generate") -> Callable[[Callable], Callable]:
    """Register ``function(store, job, actor, progress)`` as the runner of a test-only job kind."""

    def register(function: Callable) -> Callable:
        KINDS[kind] = JobKind(kind, permission, function)
        return function

    return register


def wait_for_job(store, job_id: int, worker=None, seconds: float = 120) -> dict:
    """The job row once it has ended; fails when ``worker`` (a process) exits or time runs out."""
    import time

    from reviews.queries.jobs import get_job

    deadline = time.monotonic() + seconds
    while (job := get_job(store, job_id))["status"] in ("queued", "running"):
        assert worker is None or worker.poll() is None, "the worker process ended"
        assert time.monotonic() < deadline, "the job did not finish in time"
        time.sleep(0.05)
    return job
