"""``python -m reviews worker``: runs queued jobs from the shared database and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from reviews.cli import main
from reviews.jobs.worker import run_one
from reviews.queries.jobs import get_job
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.permissions import SYSTEM, Actor
from tests.support.crash_helpers import REPO
from tests.support.jobs import HANDLERS, handler, wait_for_job

STEWARD = Actor("steward", "steward")
pytestmark = pytest.mark.timeout(120)


def _worker(*argv: str) -> int:
    return main(["worker", *argv], commands=("worker",))


def test_once_runs_one_queued_generation(store, capsys):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    demo_id = import_demo(store, STEWARD)
    job_id = start_generation(
        store, STEWARD, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 200)
    )
    assert _worker("--once") == 0
    assert f"job {job_id} (generate): done" in capsys.readouterr().out
    assert get_job(store, job_id)["result"]["dataset_ids"]
    assert _worker("--once") == 0
    assert capsys.readouterr().out.strip() == "no queued job"


def test_bad_settings_are_one_line_errors(store, capsys, monkeypatch):
    assert _worker("--once", "--poll", "0") == 2
    assert (
        capsys.readouterr().err.strip() == "error: --poll must be a positive number of seconds, e.g. --poll 1"
    )
    monkeypatch.setenv("SYNTHREVIEW_STALE_JOB_SECONDS", "never")
    assert _worker("--once") == 2
    assert "SYNTHREVIEW_STALE_JOB_SECONDS" in capsys.readouterr().err


def test_sigterm_stops_the_loop_cleanly(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    demo_id = import_demo(store, STEWARD)
    env = {
        **os.environ,
        "SYNTHREVIEW_DATABASE_URL": store.engine.url.render_as_string(hide_password=False),
        "SYNTHREVIEW_ARTIFACTS": str(store.artifact_root),
        "SYNTHREVIEW_HOME": str(store.artifact_root.parent / "w"),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "reviews", "worker", "--poll", "0.1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        job_id = start_generation(
            store, STEWARD, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 200)
        )
        assert wait_for_job(store, job_id, worker, seconds=60)["status"] == "done"
        worker.send_signal(signal.SIGTERM)
        _out, err = worker.communicate(timeout=20)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0 and "worker stopped" in err


def test_stopping_worker_fails_its_running_job_for_a_restart(store):
    stop = threading.Event()

    @handler("long")
    def _long(store_, job, actor, progress):
        stop.set()  # the shutdown signal arrives while the job runs
        progress(0.5, "halfway")
        raise AssertionError("progress should have stopped the job")

    try:
        job_id = store.enqueue_job(STEWARD, "long", {})
        assert run_one(store, "w", stop=stop) == job_id
    finally:
        HANDLERS.pop("long")
    job = get_job(store, job_id)
    assert job["status"] == "failed" and "start the job again" in job["message"]
