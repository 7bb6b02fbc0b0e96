"""A job queued in this process starts at once, not at the runner's next look at the queue."""

from __future__ import annotations

import threading

import pytest

from reviews.jobs.worker import work_forever
from reviews.workspace.permissions import Actor
from tests.support.jobs import HANDLERS, handler, wait_for_job

STEWARD = Actor("sue", "steward")
AN_HOUR = 3600.0  # a poll interval no test could wait out


@pytest.fixture(autouse=True)
def echo_handler():
    @handler("echo")
    def _echo(store, job, actor, progress):
        return {"echo": job["params"]["n"]}

    yield
    HANDLERS.pop("echo")


def test_idle_runner_wakes_for_a_job_queued_through_its_store(store):
    stop = threading.Event()
    runner = threading.Thread(target=work_forever, args=(store, AN_HOUR, stop), daemon=True)
    runner.start()
    try:
        first = store.enqueue_job(STEWARD, "echo", {"n": 1})
        assert wait_for_job(store, first, seconds=60)["result"] == {"echo": 1}
        # The runner has found the queue empty and waits for up to an hour; a new job wakes it.
        second = store.enqueue_job(STEWARD, "echo", {"n": 2})
        assert wait_for_job(store, second, seconds=60)["result"] == {"echo": 2}
    finally:
        stop.set()
        runner.join(10)
    assert not runner.is_alive()  # a stop is noticed while idle, without a job to wake it
