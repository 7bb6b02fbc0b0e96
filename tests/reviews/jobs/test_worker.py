"""Jobs: claimed once, progress stored, cancel honoured, failures recorded, stale jobs failed."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied
from reviews.jobs.worker import run_one
from reviews.workspace.permissions import Actor
from reviews.workspace.schema import jobs
from synth.errors import InputError
from synth.i18n import Msg, from_data
from tests.support.jobs import HANDLERS, handler

STEWARD = Actor("sue", "steward")


@pytest.fixture(autouse=True)
def test_handlers():
    @handler("count")
    def _count(store, job, actor, progress):
        for i in range(job["params"]["n"]):
            progress((i + 1) / job["params"]["n"], f"step {i + 1}")
        return {"counted": job["params"]["n"]}

    @handler("bad_input")
    def _bad(store, job, actor, progress):
        raise InputError("column 'age' is missing: add it or pick another column")

    yield
    HANDLERS.pop("count"), HANDLERS.pop("bad_input")


def _job(store, job_id):
    with store.engine.connect() as conn:
        return conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().one()


def test_job_runs_to_done_with_progress(store):
    job_id = store.enqueue_job(STEWARD, "count", {"n": 3})
    assert _job(store, job_id)["status"] == "queued"
    assert run_one(store, "w1") == job_id
    row = _job(store, job_id)
    assert row["status"] == "done" and row["progress"] == 1.0 and row["result"] == {"counted": 3}
    assert run_one(store, "w1") is None
    assert verify_chain(store.engine).ok


def test_reviewer_cannot_enqueue_generation(store):
    with pytest.raises(PermissionDenied):
        store.enqueue_job(Actor("rita", "reviewer"), "count", {"n": 1})


def test_user_error_marks_job_failed_with_message(store):
    job_id = store.enqueue_job(STEWARD, "bad_input", {})
    run_one(store, "w1")
    row = _job(store, job_id)
    assert row["status"] == "failed" and "column 'age' is missing" in row["message"]


def test_cancel_queued_and_running(store):
    queued = store.enqueue_job(STEWARD, "count", {"n": 1})
    store.request_cancel(STEWARD, queued)
    assert _job(store, queued)["status"] == "cancelled"
    with pytest.raises(PermissionDenied):
        store.request_cancel(Actor("other", "steward"), store.enqueue_job(STEWARD, "count", {"n": 1}))

    @handler("cancel_me")
    def _cancel_me(store_, job, actor, progress):
        store_.request_cancel(STEWARD, job["id"])
        progress(0.5, "halfway")
        raise AssertionError("progress should have raised")

    try:
        running = store.enqueue_job(STEWARD, "cancel_me", {})
        with store.engine.begin() as conn:  # run it before the other queued job
            conn.execute(
                update(jobs).where(jobs.c.status == "queued", jobs.c.id != running).values(status="cancelled")
            )
        run_one(store, "w1")
        assert _job(store, running)["status"] == "cancelled"
    finally:
        HANDLERS.pop("cancel_me")


def test_stale_running_job_is_failed(store):
    job_id = store.enqueue_job(STEWARD, "count", {"n": 1})
    store.claim_job("dead-worker", ("count",))
    assert store.fail_stale_jobs(older_than_seconds=-1) == [job_id]
    row = _job(store, job_id)
    assert row["status"] == "failed" and "worker stopped" in row["error"]
    assert verify_chain(store.engine).ok


def test_job_messages_keep_a_translatable_form(store):
    @handler("templated")
    def _templated(store, job, actor, progress):
        progress(0.5, Msg("epoch {done} of {total}", done=1, total=2))
        assert _job(store, job["id"])["message_data"] == {
            "msgid": "epoch {done} of {total}",
            "args": {"done": 1, "total": 2},
        }
        raise InputError([Msg("Column '{column}' is empty.", column="age"), "Add a label column."])

    try:
        job_id = store.enqueue_job(STEWARD, "templated", {})
        run_one(store, "w1")
    finally:
        HANDLERS.pop("templated")
    row = _job(store, job_id)
    assert row["error"] == "Column 'age' is empty.; Add a label column."
    assert [from_data(d) for d in row["error_data"]] == ["Column 'age' is empty.", "Add a label column."]
    assert from_data(row["error_data"][0]).args == {"column": "age"}
