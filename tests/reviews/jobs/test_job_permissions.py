"""The probe's attack on the job queue: a reviewer queues a generation directly through the core.

The permission comes from the job kind, so the caller cannot choose a weaker one, and a refused
enqueue leaves neither a job nor an audit event behind.
"""

from __future__ import annotations

import pytest

from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied
from reviews.jobs.kinds import EVALUATE, GENERATE
from reviews.queries.jobs import list_jobs
from reviews.workspace.permissions import Actor

REVIEWER = Actor("rita", "reviewer")


@pytest.mark.parametrize("kind", [GENERATE, EVALUATE])
def test_reviewer_cannot_queue_generation_or_evaluation(store, kind):
    params = {"dataset_id": 1, "generator": "rules", "rows": 10, "purpose": "privacy"}
    with pytest.raises(PermissionDenied):
        store.enqueue_job(REVIEWER, kind, params)
    assert list_jobs(store) == [] and verify_chain(store.engine).events == 0


def test_the_caller_cannot_pass_a_permission_of_its_choosing(store):
    with pytest.raises(TypeError):
        store.enqueue_job(REVIEWER, GENERATE, {}, "review")  # the old, caller-chosen permission
    with pytest.raises(TypeError):
        store.enqueue_job(REVIEWER, GENERATE, {}, permission="review")
    assert list_jobs(store) == []
