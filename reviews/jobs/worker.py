"""Background work: claims queued jobs from the store and runs their handlers.

``python -m reviews worker`` runs this loop as its own process; the app starts one such
process per server (``reviews.jobs.worker_process``), or, with ``SYNTHREVIEW_WORKER=thread``,
runs it in a thread of the server (``ensure_background_worker``). Jobs live in the
database, so their progress survives a page reload and is visible from every replica.

While a job runs, a heartbeat thread stamps it several times per stale timeout; a job whose
stamp is older than ``stale_after_seconds()`` (``SYNTHREVIEW_STALE_JOB_SECONDS``, default two
minutes) belongs to a worker that died, and any worker marks it failed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from reviews.errors import JobCancelled, ReviewsError, WorkerStopping
from reviews.jobs.kinds import KINDS, runner
from reviews.store import Store
from reviews.workspace.permissions import WORKER_ROLE, Actor
from synth.errors import SynthError
from synth.i18n import N_, Msg, message_of

log = logging.getLogger("synthreview.worker")

Progress = Callable[[float, str], None]
STALE_AFTER_SECONDS = 120.0
STALE_ENV = "SYNTHREVIEW_STALE_JOB_SECONDS"
HEARTBEAT_SECONDS = 10.0
STALE_CHECK_SECONDS = 60.0
PROGRESS_INTERVAL_SECONDS = 0.5
STOP_CHECK_SECONDS = 0.2


def stale_after_seconds() -> float:
    """How long without a heartbeat before a running job counts as abandoned."""
    raw = os.environ.get(STALE_ENV) or str(STALE_AFTER_SECONDS)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise ReviewsError(
            Msg(
                "{name}={raw} is not a positive number of seconds; set it to e.g. 120.",
                name=STALE_ENV,
                raw=repr(raw),
            )
        )
    return value


def heartbeat_seconds() -> float:
    """Beat at least four times per stale timeout, so one slow write never looks like a death."""
    return min(HEARTBEAT_SECONDS, stale_after_seconds() / 4)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _progress_reporter(store: Store, job_id: int, stop: threading.Event | None = None) -> Progress:
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        if stop is not None and stop.is_set():
            raise WorkerStopping()
        # Throttled so a fast loop does not turn into a write storm; cancellation is noticed at
        # the next write, which is soon enough for a person pressing Cancel.
        if fraction < 1.0 and time.monotonic() - last[0] < PROGRESS_INTERVAL_SECONDS:
            return
        last[0] = time.monotonic()
        if store.report_progress(job_id, fraction, message):
            raise JobCancelled()

    return report


@contextmanager
def _heartbeat(store: Store, job_id: int) -> Iterator[None]:
    """Stamp the job every ``heartbeat_seconds()`` while the body runs, from a side thread."""
    done, interval = threading.Event(), heartbeat_seconds()

    def beat() -> None:
        while not done.wait(interval):
            try:
                store.heartbeat(job_id)
            except Exception:  # a database hiccup; the next beat will try again
                log.warning("heartbeat for job %s failed", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"synthreview-heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(timeout=interval + 5)


def run_one(
    store: Store,
    worker: str | None = None,
    stop: threading.Event | None = None,
    handlers: Mapping[str, Callable] | None = None,
) -> int | None:
    """Claim and run one queued job; returns its id, or None when the queue is empty.

    When ``stop`` is set while the job runs, the job ends at its next progress report and is
    marked failed, so a shut-down worker leaves no job "running". ``handlers`` replaces the
    runner of some kinds (the demo answers its evaluations from results computed ahead).
    """
    job = store.claim_job(worker or worker_name(), tuple(KINDS))
    if job is None:
        return None
    # The job acts as the "worker" role (it may only do what job kinds do), in the name of the
    # person who asked, so the audit log shows who wanted the work done.
    actor = Actor(job["created_by"], WORKER_ROLE)
    try:
        with _heartbeat(store, job["id"]):
            handler = (handlers or {}).get(job["kind"]) or runner(job["kind"])
            result = handler(store, job, actor, _progress_reporter(store, job["id"], stop))
    except WorkerStopping:
        store.finish_job(
            job["id"],
            "failed",
            N_("failed: the worker was shut down; start the job again"),
            error=N_("worker shut down"),
        )
    except JobCancelled:
        store.finish_job(job["id"], "cancelled", N_("cancelled; nothing was kept"))
    except (SynthError, ReviewsError) as exc:
        problem = message_of(exc)
        store.finish_job(
            job["id"],
            "failed",
            Msg("failed: {error}", error=problem if isinstance(problem, Msg) else str(exc)),
            error=problem,
        )
    except Exception as exc:  # a bug must not kill the worker; the job says what happened
        log.exception("job %s failed", job["id"])
        store.finish_job(
            job["id"],
            "failed",
            N_("failed: an unexpected error; see the server log"),
            error=f"{type(exc).__name__}: {exc}",
        )
    else:
        store.finish_job(job["id"], "done", N_("done"), result=result)
    return job["id"]


def work_forever(store: Store, poll_seconds: float = 1.0, stop: threading.Event | None = None) -> None:
    """Run jobs as they arrive until ``stop`` is set.

    A job queued through this ``store`` (a page of this process) starts at once; one queued by
    another process is found at the next look, ``poll_seconds`` later at most.
    """
    stop = stop or threading.Event()
    stale_after = stale_after_seconds()
    store.remove_abandoned_temp_files(older_than_seconds=stale_after)
    last_check, check_every = float("-inf"), min(STALE_CHECK_SECONDS, stale_after / 2)
    while not stop.is_set():
        try:
            if time.monotonic() - last_check >= check_every:
                # Every worker looks: a replica that died cannot fail its own jobs.
                store.fail_stale_jobs(stale_after)
                last_check = time.monotonic()
            store.job_queued.clear()  # before claiming, so a job queued meanwhile is not missed
            if run_one(store, stop=stop) is None:
                _idle(store, poll_seconds, stop)
        except Exception:  # e.g. the database restarting; keep serving once it is back
            log.exception("worker loop error")
            stop.wait(poll_seconds * 5)


def _idle(store: Store, poll_seconds: float, stop: threading.Event) -> None:
    """Wait until a job is queued in this process, ``stop`` is set, or ``poll_seconds`` pass."""
    deadline = time.monotonic() + poll_seconds
    while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
        # Short slices, so a stop is noticed soon even though only the queue event wakes us.
        if store.job_queued.wait(min(left, STOP_CHECK_SECONDS)):
            return


_started: dict[int, threading.Thread] = {}
_lock = threading.Lock()


def ensure_background_worker(store: Store) -> threading.Thread:
    """Start this process's worker thread for ``store`` once; later calls return the same thread."""

    with _lock:
        thread = _started.get(id(store))
        if thread is None or not thread.is_alive():
            thread = threading.Thread(
                target=work_forever, args=(store,), name="synthreview-worker", daemon=True
            )
            thread.start()
            _started[id(store)] = thread
        return thread
