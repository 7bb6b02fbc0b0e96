"""The app's job runner as a child process: ``python -m reviews worker`` beside the server.

A job run in a thread of the Streamlit server shares the server's interpreter lock with every
page run, including the progress view that reruns twice a second while the job runs. On a
small, busy machine that made an evaluation take many times what the command line takes, so
by default (``SYNTHREVIEW_WORKER=process``) each server process starts one worker process of
its own. It reads the same ``SYNTHREVIEW_*`` variables, so it opens the same workspace; it
looks at the queue every ``POLL_SECONDS`` and ends when the server ends.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading

POLL_SECONDS = 0.25  # a claim looks at one indexed row; a page waits at most this for a start

_lock = threading.Lock()
_child: subprocess.Popen | None = None


def ensure_worker_process() -> subprocess.Popen:
    """Start this process's worker process once; later calls return it (restarted if it died)."""
    global _child
    with _lock:
        if _child is None or _child.poll() is not None:
            _child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "reviews",
                    "worker",
                    "--poll",
                    str(POLL_SECONDS),
                    "--parent",
                    str(os.getpid()),
                ],
                env=dict(os.environ),
                stdin=subprocess.DEVNULL,
            )
            atexit.register(_stop, _child)
        return _child


def stop_worker_process() -> None:
    """Stop this process's worker process, if one runs; the next ``ensure_worker_process`` starts
    a fresh one, which reads the workspace settings of that moment."""
    global _child
    with _lock:
        if _child is not None:
            _stop(_child)
            _child = None


def _stop(child: subprocess.Popen) -> None:
    """Stop the worker when the server exits normally (it also stops by itself when orphaned)."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
