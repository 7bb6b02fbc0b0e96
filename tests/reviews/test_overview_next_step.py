"""Home's next step follows the workspace: it never sends a steward back to a stage passed."""

from __future__ import annotations

import pytest

from reviews.jobs.worker import run_one
from reviews.queries.overview import (
    COMPARE_THEN_REVIEW,
    NEXT_STEPS,
    OPEN_A_DATASET,
    SIGN_OFF_THEN_EXPORT,
    workspace_overview,
)
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from tests.support.signoff_flow import OFFICER, STEWARD, accepted_flow, make_users

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _step(store, actor=STEWARD) -> str:
    return workspace_overview(store, actor).next_step


def test_each_stage_names_the_next_one(store):
    make_users(store)
    assert _step(store) == NEXT_STEPS["steward"][1]
    real_id = import_demo(store, STEWARD)
    assert _step(store) == OPEN_A_DATASET
    start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 40, seed=1)
    )
    run_one(store)
    assert _step(store) == COMPARE_THEN_REVIEW


def test_accepted_data_points_to_sign_off_and_export(store):
    accepted_flow(store)
    assert _step(store) == SIGN_OFF_THEN_EXPORT
    assert _step(store, OFFICER) == NEXT_STEPS["officer"][1]  # other roles keep their own step
