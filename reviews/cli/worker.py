"""``python -m reviews worker [--once]``: run queued background jobs as a process of its own.

Jobs are claimed from the database, so any number of these (and the app replicas' in-process
runners) may share one PostgreSQL queue; none ever gets a job another has. SIGTERM or Ctrl-C
stops the loop cleanly: a job in progress ends at its next progress report and is marked
failed with a message to start it again, so nothing is left "running".
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading

from reviews.errors import ReviewsError
from synth.i18n import N_


def register(subparsers) -> None:
    """Add the ``worker`` subcommand."""
    parser = subparsers.add_parser(
        "worker",
        help="run queued generation, evaluation and collapse jobs until stopped",
        description="Claim queued jobs from the workspace database (SYNTHREVIEW_DATABASE_URL) and run them. "
        "Stops cleanly on SIGTERM or Ctrl-C.",
    )
    parser.add_argument("--once", action="store_true", help="run at most one queued job, then exit")
    parser.add_argument(
        "--poll",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="how long to wait before looking again when the queue is empty (default 1)",
    )
    parser.add_argument(
        "--parent",
        type=int,
        metavar="PID",
        help="stop when process PID ends (the app starts its own worker this way)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the workspace and work through its queue; returns 0 after a clean stop."""
    # Imported here so ``python -m reviews --help`` does not pay for the store.
    from reviews.jobs.worker import run_one, stale_after_seconds, work_forever
    from reviews.queries.jobs import get_job
    from reviews.store import open_store

    if args.poll <= 0:
        raise ReviewsError(N_("--poll must be a positive number of seconds, e.g. --poll 1"))
    stale_after = stale_after_seconds()  # a bad setting is reported before any work starts
    store = open_store()
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        if args.once:
            store.remove_abandoned_temp_files(older_than_seconds=stale_after)
            store.fail_stale_jobs(stale_after)
            job_id = run_one(store, stop=stop)
            if job_id is None:
                print("no queued job")
            else:
                job = get_job(store, job_id)
                print(f"job {job_id} ({job['kind']}): {job['status']} - {job['message']}")
            return 0
        print("worker started; stop it with SIGTERM or Ctrl-C", file=sys.stderr, flush=True)
        if args.parent:
            _stop_when_orphaned(args.parent, stop)
        threading.Thread(target=_import_runners, name="synthreview-warm-up", daemon=True).start()
        work_forever(store, poll_seconds=args.poll, stop=stop)
        print("worker stopped", file=sys.stderr, flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        store.engine.dispose()


def _import_runners() -> None:
    """Load every job kind's code while the queue is empty, so the first job does not wait for it."""
    from reviews.jobs.kinds import KINDS, runner

    for kind in list(KINDS):
        try:
            runner(kind)
        except Exception:  # an import problem surfaces again, as the job's error, when one runs
            continue
    # The SDV generators' stack (torch among it) is loaded only when a generation uses one;
    # loading it now takes seconds off the first such job after a start.
    with contextlib.suppress(Exception):
        importlib.import_module("synth.generators.sdv_models")


def _stop_when_orphaned(parent: int, stop: threading.Event) -> None:
    """Set ``stop`` once ``parent`` is gone (this process is then adopted by another)."""

    def watch() -> None:
        while not stop.wait(1.0):
            if os.getppid() != parent:
                stop.set()

    threading.Thread(target=watch, name="synthreview-parent-watch", daemon=True).start()
