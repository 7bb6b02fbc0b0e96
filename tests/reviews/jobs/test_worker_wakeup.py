"""A job queued in this process starts at once, not at the runner's next look at the queue."""

from __future__ import annotations

import threading
import time

import pytest

from reviews.jobs.worker import work_forever
from reviews.queries.jobs import get_job
from reviews.workspace.permissions import Actor
from tests.support.jobs import HANDLERS, handler

STEWARD = Actor("sue", "steward")
AN_HOUR = 3600.0  # a poll interval no test could wait out


@pytest.fixture(autouse=True)
def echo_handler():
    @handler("echo")
    def _echo(store, job, actor, progress):
        return {"echo": job["params"]["n"]}

    yield
    HANDLERS.pop("echo")


def _until_done(store, job_id: int) -> dict:
    deadline = time.monotonic() + 60
    while (job := get_job(store, job_id))["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.05)
    return job


def test_idle_runner_wakes_for_a_job_queued_through_its_store(store):
    stop = threading.Event()
    runner = threading.Thread(target=work_forever, args=(store, AN_HOUR, stop), daemon=True)
    runner.start()
    try:
        first = store.enqueue_job(STEWARD, "echo", {"n": 1})
        assert _until_done(store, first)["result"] == {"echo": 1}
        # The runner has found the queue empty and waits for up to an hour; a new job wakes it.
        second = store.enqueue_job(STEWARD, "echo", {"n": 2})
        assert _until_done(store, second)["result"] == {"echo": 2}
    finally:
        stop.set()
        runner.join(10)
    assert not runner.is_alive()  # a stop is noticed while idle, without a job to wake it
