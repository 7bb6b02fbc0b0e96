"""The privacy purpose's require-DP setting: who sets it, and which generations it refuses."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.errors import PermissionDenied, ReviewsError
from reviews.jobs.kinds import GENERATE
from reviews.queries.jobs import get_job
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.dp_requirement import SETTING, current_requirement, set_requirement
from reviews.workspace.permissions import SYSTEM, Actor
from synth.errors import InputError

ADMIN, STEWARD = Actor("admin", "admin"), Actor("steward", "steward")


@pytest.fixture
def source(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, "steward", "steward-pass-phrase", "steward")
    return import_demo(store, STEWARD)


def _request(source, generator, purposes=("privacy",), **options):
    return GenerationRequest(source, generator, [{"purpose": p} for p in purposes], 100, **options)


def test_off_by_default_and_set_by_admins_only(store, source):
    assert not current_requirement(store).required
    with pytest.raises(PermissionDenied):
        set_requirement(store, STEWARD, True, 1.0)
    with pytest.raises(ReviewsError, match="above 0"):
        set_requirement(store, ADMIN, True, 0)
    set_requirement(store, ADMIN, True, 0.5)
    assert queries.get_setting(store, SETTING) == {"required": True, "max_epsilon": 0.5}
    events = queries.audit_frame(store)
    assert (events["action"] == "settings.change").any()


def test_the_requirement_refuses_a_non_dp_generator_and_a_larger_epsilon(store, source):
    start_generation(store, STEWARD, _request(source, "rules"))  # nothing required yet
    set_requirement(store, ADMIN, True, 0.5)
    with pytest.raises(ReviewsError, match="requires a differentially private generator"):
        start_generation(store, STEWARD, _request(source, "rules"))
    with pytest.raises(ReviewsError, match="allows epsilon at most 0.5"):
        start_generation(store, STEWARD, _request(source, "mst", epsilon=0.8))
    with pytest.raises(ReviewsError, match="allows epsilon at most 0.5"):
        start_generation(store, STEWARD, _request(source, "mst"))  # the default epsilon, 1, is too large
    job_id = start_generation(store, STEWARD, _request(source, "mst", epsilon=0.5))
    job = get_job(store, job_id)
    assert job["kind"] == GENERATE and job["params"]["epsilon"] == 0.5 and job["params"]["delta"] == 1e-6
    # Another purpose alone is not bound by the privacy purpose's requirement.
    start_generation(store, STEWARD, _request(source, "rules", purposes=("augmentation",)))


def test_a_bad_budget_is_refused_before_queueing(store, source):
    with pytest.raises(InputError) as caught:
        start_generation(store, STEWARD, _request(source, "mst", epsilon=-1, delta=0.5))
    assert len(caught.value.problems) == 2
    with pytest.raises(InputError, match="only to a differentially private"):
        start_generation(store, STEWARD, _request(source, "rules", epsilon=1.0))
    with pytest.raises(InputError) as caught:
        start_generation(store, STEWARD, _request(source, "mst", purposes=("bias",), outlier_fraction=0.01))
    assert "privacy purpose only" in str(caught.value) and "cannot inject outliers" in str(caught.value)
