"""One action, one effect: a double submission of a generation, an inspection or a signature
returns the first; applying acceptance twice with the same settings is refused."""

from __future__ import annotations

import threading

import pytest

from reviews import queries
from reviews.acceptance.apply import apply_acceptance
from reviews.acceptance.inspection import start_inspection
from reviews.errors import Conflict
from reviews.jobs.worker import run_one
from reviews.queries.jobs import get_job
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.signoff import APPROVE, list_signoffs, sign
from reviews.store import jobs as job_writes
from reviews.store import signoff as signoff_writes
from tests.support.signoff_flow import OFFICER, PASSWORD, STEWARD, accepted_flow, make_users

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _jobs(store) -> int:
    return len(queries.audit_frame(store, "job.enqueue"))


def test_a_double_click_on_generate_makes_one_job(store, monkeypatch):
    # The double-click window is widened so that a slow machine's run of two jobs stays inside it.
    monkeypatch.setattr(job_writes, "DUPLICATE_SECONDS", 600)
    make_users(store)
    real_id = import_demo(store, STEWARD)
    request = GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 40, seed=5)
    first = start_generation(store, STEWARD, request)
    assert start_generation(store, STEWARD, request) == first and _jobs(store) == 1
    # Another person's identical request, or a different request, is its own job.
    other = start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 41)
    )
    assert other != first
    run_one(store)
    run_one(store)
    assert get_job(store, first)["status"] == "done"
    assert start_generation(store, STEWARD, request) == first  # within a few seconds: still the first
    monkeypatch.setattr(job_writes, "DUPLICATE_SECONDS", 0)
    assert start_generation(store, STEWARD, request) != first  # later, on purpose: a new job


def test_two_simultaneous_identical_requests_make_one_job(store):
    make_users(store)
    real_id = import_demo(store, STEWARD)
    request = GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 40, seed=6)
    ids, errors = [], []

    def click():
        try:
            ids.append(start_generation(store, STEWARD, request))
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(ids)) == 1 and _jobs(store) == 1


def test_acceptance_twice_is_refused_inspection_and_signature_happen_once(store, monkeypatch):
    # Wide double-submission windows: on a slow machine the repeats may come seconds apart.
    monkeypatch.setattr(job_writes, "DUPLICATE_SECONDS", 600)
    monkeypatch.setattr(signoff_writes, "DUPLICATE_SECONDS", 600)
    flow = accepted_flow(store)
    before = [d.id for d in queries.list_datasets(store) if d.kind == "accepted"]
    with pytest.raises(Conflict, match="already applied"):
        apply_acceptance(store, STEWARD, flow.round_id, -1e9)
    assert [d.id for d in queries.list_datasets(store) if d.kind == "accepted"] == before

    one = sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE) == one
    assert len(list_signoffs(store, flow.accepted_id)) == 1
    assert len(queries.audit_frame(store, "signoff.approve")) == 1

    first = start_inspection(store, STEWARD, flow.accepted_id, size=20, min_lower=0.8, seed=9)
    assert start_inspection(store, STEWARD, flow.accepted_id, size=20, min_lower=0.8, seed=9) == first
    assert start_inspection(store, STEWARD, flow.accepted_id, size=20, min_lower=0.8, seed=10) != first
