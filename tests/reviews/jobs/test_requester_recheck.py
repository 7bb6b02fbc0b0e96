"""A queued job runs only while its requester may still do what the job does.

The permission is checked when the job is queued; a worker claims it later. A requester who
was disabled or demoted in between gets a failed job with a clear message, an audit event, and
nothing run. On SQLite, and on PostgreSQL when it is configured.
"""

from __future__ import annotations

import json

import pytest

from reviews.audit.chain import verify_chain
from reviews.jobs.worker import run_one
from reviews.queries.audit import events_of
from reviews.queries.jobs import get_job
from reviews.workspace.permissions import SYSTEM, Actor
from synth.i18n import from_data
from tests.support.jobs import HANDLERS, handler

ADMIN = Actor("ada", "admin")
STEWARD = Actor("sue", "steward")
OFFICER = Actor("olga", "officer")


@pytest.fixture
def ran():
    """Records the requester of every job that actually ran."""
    calls: list[str] = []

    @handler("recheck_generate", permission="generate")
    def _generate(store, job, actor, progress):
        calls.append(actor.username)
        return {}

    @handler("recheck_simulate", permission="simulate")
    def _simulate(store, job, actor, progress):
        calls.append(actor.username)
        return {}

    yield calls
    HANDLERS.pop("recheck_generate"), HANDLERS.pop("recheck_simulate")


@pytest.fixture
def people(store):
    store.create_user(SYSTEM, ADMIN.username, "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, STEWARD.username, "steward-pass-phrase1", "steward")
    store.create_user(SYSTEM, OFFICER.username, "officer-pass-phrase1", "officer")
    return store


def _refusal(store, job_id: int) -> dict:
    (event,) = events_of(store, f"job:{job_id}", "job.refused")
    return json.loads(event["payload"])


def test_job_of_a_user_disabled_after_queueing_is_refused(people, ran):
    store = people
    job_id = store.enqueue_job(STEWARD, "recheck_generate", {})
    store.set_active(ADMIN, STEWARD.username, False)

    assert run_one(store, "w1") is None  # nothing left to run
    job = get_job(store, job_id)
    assert ran == [] and job["status"] == "failed" and job["started_at"] is None
    assert "sue's account was disabled after this job was queued; nothing was run" in job["message"]
    assert from_data(job["error_data"]) == job["error"] == job["message"]
    assert _refusal(store, job_id)["requested_by"] == "sue"
    assert events_of(store, f"job:{job_id}", "job.start") == []
    assert verify_chain(store.engine).ok


def test_job_of_a_user_demoted_after_queueing_is_refused(people, ran):
    store = people
    job_id = store.enqueue_job(STEWARD, "recheck_generate", {})
    store.set_role(ADMIN, STEWARD.username, "reviewer")

    run_one(store, "w1")
    job = get_job(store, job_id)
    assert ran == [] and job["status"] == "failed"
    assert "sue (reviewer) may no longer generate; nothing was run" in job["message"]
    assert "may no longer generate" in _refusal(store, job_id)["reason"]


def test_a_new_role_that_still_allows_the_kind_keeps_the_job(people, ran):
    # An officer may not generate but may simulate: only the permission of the job's kind counts.
    store = people
    generate = store.enqueue_job(STEWARD, "recheck_generate", {})
    simulate = store.enqueue_job(STEWARD, "recheck_simulate", {})
    store.set_role(ADMIN, STEWARD.username, "officer")

    assert run_one(store, "w1") == simulate  # the refused generation was passed over
    assert get_job(store, generate)["status"] == "failed"
    assert get_job(store, simulate)["status"] == "done" and ran == ["sue"]


def test_a_refused_job_does_not_hold_up_the_queue(people, ran):
    store = people
    refused = store.enqueue_job(STEWARD, "recheck_generate", {})
    kept = store.enqueue_job(OFFICER, "recheck_simulate", {})
    store.set_active(ADMIN, STEWARD.username, False)

    assert run_one(store, "w1") == kept
    assert get_job(store, refused)["status"] == "failed" and ran == ["olga"]


def test_re_enabled_requester_and_the_command_line_run_as_before(people, ran):
    store = people
    store.set_active(ADMIN, STEWARD.username, False)
    store.set_active(ADMIN, STEWARD.username, True)
    by_steward = store.enqueue_job(STEWARD, "recheck_generate", {})
    by_cli = store.enqueue_job(SYSTEM, "recheck_generate", {"from": "cli"})

    assert run_one(store, "w1") == by_steward and run_one(store, "w1") == by_cli
    assert ran == ["sue", "system"]
    assert get_job(store, by_steward)["status"] == get_job(store, by_cli)["status"] == "done"
