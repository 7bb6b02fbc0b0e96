"""Child processes that crash-safety tests kill with SIGKILL at a chosen moment.

Run as ``python -m tests.support.crash_helpers MODE ...`` with the workspace given by the
``SYNTHREVIEW_*`` variables:

- ``generate-running``: run the queued generation job with every progress report slowed, so
  the parent can kill it part-way through the generator.
- ``generate-saving``: run it until the first dataset file is being written (its temporary
  file exists and is being flushed), write MARKER, then hang there to be killed.
- ``submit REVIEWER TASK_ID``: append answers to one task as fast as possible, forever.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reviews.workspace.permissions import Actor

REPO = Path(__file__).resolve().parents[2]


def spawn(mode: str, *args: str, env: dict[str, str]) -> subprocess.Popen:
    """Start a helper child in the repository root with ``env`` added to this environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_helpers", mode, *args],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, timeout: float, child: subprocess.Popen, what: str) -> None:
    """Poll ``condition`` until true; fail with the child's output if it exits or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        if child.poll() is not None:
            raise AssertionError(
                f"child exited ({child.returncode}) before {what}:\n{child.stdout.read().decode()}"
            )
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError(f"timed out waiting for {what}:\n{child.stdout.read().decode()}")
        time.sleep(0.05)


def _run_generation(slow_progress: float, marker: Path | None) -> None:
    from reviews.jobs import kinds, worker
    from reviews.store import open_store

    worker.PROGRESS_INTERVAL_SECONDS = 0.0  # every report reaches the database
    original = kinds.runner(kinds.GENERATE)

    def slowed(store, job, actor, progress):
        def report(fraction, message):
            progress(fraction, message)
            time.sleep(slow_progress)

        return original(store, job, actor, report)

    kinds.KINDS[kinds.GENERATE] = kinds.JobKind(kinds.GENERATE, "generate", slowed)
    if marker is not None:
        real_fsync = os.fsync

        def hang_on_fsync(fd):
            real_fsync(fd)
            marker.write_text("saving")
            time.sleep(600)

        os.fsync = hang_on_fsync
    worker.run_one(open_store(), worker="doomed")


def _submit_forever(reviewer: str, task_id: int) -> None:
    from reviews.store import open_store

    store, actor = open_store(), Actor(reviewer, "reviewer")
    while True:
        store.submit_response(actor, task_id, {"ranking": [1, 0]}, 500)


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "generate-running":
        _run_generation(slow_progress=0.5, marker=None)
    elif mode == "generate-saving":
        _run_generation(slow_progress=0.0, marker=Path(argv[1]))
    elif mode == "submit":
        _submit_forever(argv[1], int(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
