"""Background work: claims queued jobs from the store and runs their handlers.

The app starts one worker thread per process (the in-process runner), and
``python -m synth worker`` runs the same loop as its own process. Jobs live in the
database, so their progress survives a page reload and is visible from every replica.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from reviews.errors import ReviewsError
from reviews.store import Store
from synth.errors import SynthError

log = logging.getLogger("synthreview.worker")

Progress = Callable[[float, str], None]
Handler = Callable[[Store, dict, Progress], dict]
HANDLERS: dict[str, Handler] = {}
STALE_AFTER_SECONDS = 600.0
PROGRESS_INTERVAL_SECONDS = 0.5


class JobCancelled(Exception):
    """Raised inside a job's progress callback when someone asked to cancel it."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind``."""
    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function
    return register


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _progress_reporter(store: Store, job_id: int) -> Progress:
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        # Throttled so a fast loop does not turn into a write storm; cancellation is noticed at
        # the next write, which is soon enough for a person pressing Cancel.
        if fraction < 1.0 and time.monotonic() - last[0] < PROGRESS_INTERVAL_SECONDS:
            return
        last[0] = time.monotonic()
        if store.report_progress(job_id, fraction, message):
            raise JobCancelled()
    return report


def run_one(store: Store, worker: str | None = None) -> int | None:
    """Claim and run one queued job; returns its id, or None when the queue is empty."""
    job = store.claim_job(worker or worker_name(), tuple(HANDLERS))
    if job is None:
        return None
    try:
        result = HANDLERS[job["kind"]](store, job, _progress_reporter(store, job["id"]))
    except JobCancelled:
        store.finish_job(job["id"], "cancelled", "cancelled; nothing was kept")
    except (SynthError, ReviewsError) as exc:
        store.finish_job(job["id"], "failed", f"failed: {exc}", error=str(exc))
    except Exception as exc:  # a bug must not kill the worker; the job says what happened
        log.exception("job %s failed", job["id"])
        store.finish_job(job["id"], "failed", "failed: an unexpected error; see the server log",
                         error=f"{type(exc).__name__}: {exc}")
    else:
        store.finish_job(job["id"], "done", "done", result=result)
    return job["id"]


def work_forever(store: Store, poll_seconds: float = 1.0, stop: threading.Event | None = None) -> None:
    """Run jobs as they arrive until ``stop`` is set."""
    stop = stop or threading.Event()
    store.fail_stale_jobs(STALE_AFTER_SECONDS)
    while not stop.is_set():
        try:
            if run_one(store) is None:
                stop.wait(poll_seconds)
        except Exception:  # e.g. the database restarting; keep serving once it is back
            log.exception("worker loop error")
            stop.wait(poll_seconds * 5)


_started: dict[int, threading.Thread] = {}
_lock = threading.Lock()


def ensure_background_worker(store: Store) -> threading.Thread:
    """Start this process's worker thread for ``store`` once; later calls return the same thread."""
    import reviews.handlers  # noqa: F401  (registers every job kind before the first claim)

    with _lock:
        thread = _started.get(id(store))
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=work_forever, args=(store,), name="synthreview-worker", daemon=True)
            thread.start()
            _started[id(store)] = thread
        return thread
