"""The app's own worker process: started once per server process, runs what pages queue, and
ends with the server."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from reviews.jobs import worker_process
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.permissions import SYSTEM, Actor
from tests.support.crash_helpers import REPO
from tests.support.jobs import wait_for_job

STEWARD = Actor("steward", "steward")
pytestmark = pytest.mark.timeout(180)


@pytest.fixture(autouse=True)
def no_inherited_worker():
    # A page test earlier in this test process may have started the app's worker for its own
    # workspace; ensure_worker_process would hand that one back, and it would never see our jobs.
    worker_process.stop_worker_process()
    yield
    worker_process.stop_worker_process()


def _same_workspace(monkeypatch, store) -> None:
    monkeypatch.setenv("SYNTHREVIEW_DATABASE_URL", store.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SYNTHREVIEW_ARTIFACTS", str(store.artifact_root))
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(store.artifact_root.parent / "w"))


def test_the_worker_process_runs_a_queued_generation_and_is_started_once(store, monkeypatch):
    _same_workspace(monkeypatch, store)
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    demo_id = import_demo(store, STEWARD)
    child = worker_process.ensure_worker_process()
    try:
        assert worker_process.ensure_worker_process() is child  # a second page run starts no other
        job_id = start_generation(
            store, STEWARD, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 200)
        )
        job = wait_for_job(store, job_id, child)
        assert job["status"] == "done" and job["worker"].split(":")[1] == str(child.pid)
    finally:
        worker_process._stop(child)
    assert child.returncode is not None
    again = worker_process.ensure_worker_process()  # the next page run finds it gone
    try:
        assert again.pid != child.pid and again.poll() is None
    finally:
        worker_process._stop(again)


def test_the_worker_process_ends_when_its_server_ends(store, monkeypatch):
    _same_workspace(monkeypatch, store)
    # A stand-in server: starts the worker as the app does, prints its pid, then waits to be killed.
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from reviews.jobs.worker_process import ensure_worker_process; "
            "print(ensure_worker_process().pid, flush=True); time.sleep(600)",
        ],
        cwd=REPO,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker_pid = int(server.stdout.readline())
        server.kill()  # no clean exit: the worker must notice on its own
        server.wait(10)
        deadline = time.monotonic() + 60
        while _alive(worker_pid):
            assert time.monotonic() < deadline, "the worker outlived its server"
            time.sleep(0.2)
    finally:
        if server.poll() is None:
            server.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False
