"""The generation job: lineage-checked, stored all together, labelled, and evaluable."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied
from reviews.jobs.worker import run_one
from reviews.queries.evaluations import latest_evaluation
from reviews.queries.jobs import get_job
from reviews.services.evaluation import start_evaluation
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.workspace.permissions import SYSTEM, Actor
from synth.errors import InputError, LineageError

STEWARD, OFFICER = Actor("steward", "steward"), Actor("officer", "officer")


@pytest.fixture
def demo_id(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    return import_demo(store, STEWARD)


def _generate(store, dataset_id, purposes, rows=400, generator="rules"):
    job_id = start_generation(
        store, STEWARD, GenerationRequest(dataset_id, generator, purposes, rows, seed=3)
    )
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "done", job["error"]
    return job["result"]


def test_privacy_and_bias_from_the_demo(store, demo_id):
    result = _generate(
        store,
        demo_id,
        [{"purpose": "privacy"}, {"purpose": "bias", "protected": ["colour"], "target": "equal_groups"}],
    )
    privacy, bias = (queries.get_dataset(store, i) for i in result["dataset_ids"])
    assert (privacy.kind, privacy.purpose, privacy.depth, privacy.rows) == ("synthetic", "privacy", 1, 400)
    assert privacy.train_id == result["train_id"] and privacy.holdout_id == result["holdout_id"]
    train, holdout = (
        queries.get_dataset(store, privacy.train_id),
        queries.get_dataset(store, privacy.holdout_id),
    )
    assert train.rows + holdout.rows == 5226 and abs(holdout.rows - 0.2 * 5226) <= 1
    assert "pre-training" not in privacy.labels["stages"]
    assert privacy.lineage["parent_sha256"] == queries.get_dataset(store, demo_id).sha256
    shares = queries.load_frame(store, bias.id)["colour"].value_counts(normalize=True)
    assert shares.sub(0.5).abs().max() <= 0.02
    assert bias.labels["deliberate_columns"] == ["colour"]
    assert bias.labels["bias_target"] == {"colour": {"Black": 0.5, "White": 0.5}}
    assert verify_chain(store.engine).ok

    start_evaluation(store, STEWARD, bias.id)
    run_one(store)
    evaluation = latest_evaluation(store, bias.id)["result"]
    assert 0 < evaluation["fidelity"]["overall"] <= 1 and evaluation["purpose"] == "bias"


def test_depth_limit_refuses_and_officer_override_allows(store, demo_id):
    first = _generate(store, demo_id, [{"purpose": "privacy"}])["dataset_ids"][0]
    with pytest.raises(LineageError, match="limit of 1"):
        start_generation(store, STEWARD, GenerationRequest(first, "rules", [{"purpose": "privacy"}], 100))
    store.create_user(SYSTEM, "officer", "officer-pass-phrase", "officer")
    store.grant(OFFICER, "depth_override", first, "One extra round to demonstrate collapse to the board.")
    second = _generate(store, first, [{"purpose": "privacy"}], rows=100)["dataset_ids"][0]
    record = queries.get_dataset(store, second)
    assert record.depth == 2 and "demonstrate collapse" in record.lineage["override_justification"]


def test_bad_requests_are_refused_before_queueing(store, demo_id):
    with pytest.raises(InputError) as caught:
        start_generation(store, STEWARD, GenerationRequest(demo_id, "magic", [], 0, stages=["pre-training"]))
    assert len(caught.value.problems) == 4
    with pytest.raises(PermissionDenied):
        start_generation(
            store,
            Actor("rita", "reviewer"),
            GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 10),
        )


def test_failed_generation_keeps_nothing(store, demo_id):
    before = len(queries.list_datasets(store))
    job_id = start_generation(
        store,
        STEWARD,
        GenerationRequest(demo_id, "rules", [{"purpose": "augmentation", "column": "no_such_column"}], 100),
    )
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "failed" and "no_such_column" in job["message"]
    assert len(queries.list_datasets(store)) == before
