"""Home's next step follows the workspace: it never sends a steward back to a stage passed."""

from __future__ import annotations

import pytest

from reviews.acceptance.apply import acceptance_inputs, apply_acceptance
from reviews.jobs.worker import run_one
from reviews.queries import overview
from reviews.queries.overview import (
    APPROVED_THEN_EXPORT,
    COMPARE_THEN_REVIEW,
    NEXT_STEPS,
    OPEN_A_DATASET,
    REJECTED_THEN_REWORK,
    SIGN_OFF_THEN_EXPORT,
    workspace_overview,
)
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.signoff import APPROVE, APPROVE_WITH_CONDITIONS, REJECT, sign
from tests.support.signoff_flow import ADMIN, OFFICER, PASSWORD, STEWARD, accepted_flow, make_users

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


def test_an_approval_points_to_export(store):
    flow = accepted_flow(store)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Fine.")
    assert _step(store) == _step(store, ADMIN) == APPROVED_THEN_EXPORT
    sign(
        store,
        OFFICER,
        flow.accepted_id,
        PASSWORD["officer"],
        APPROVE_WITH_CONDITIONS,
        comment="For evaluation and testing only.",
    )
    assert _step(store) == APPROVED_THEN_EXPORT  # conditions are kept to, but the data may be exported
    assert _step(store, OFFICER) == NEXT_STEPS["officer"][1]


def test_a_rejection_points_back_to_the_review_and_new_accepted_rows_to_sign_off(store):
    flow = accepted_flow(store)
    sign(
        store,
        OFFICER,
        flow.accepted_id,
        PASSWORD["officer"],
        REJECT,
        comment="Too few answers behind this acceptance; review more rows.",
    )
    assert _step(store) == REJECTED_THEN_REWORK
    assert overview._REJECT == REJECT  # the verdict name Home compares with is the sign-off's own
    # The steward applies acceptance again: the newest accepted rows wait for their own sign-off.
    scores = acceptance_inputs(store, flow.round_id).scores
    apply_acceptance(store, STEWARD, flow.round_id, float(scores.min()))
    assert _step(store) == SIGN_OFF_THEN_EXPORT
