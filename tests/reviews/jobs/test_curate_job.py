"""Curated generation from a review round: a background job that keeps rows the model prefers."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied, ReviewsError
from reviews.jobs.worker import run_one
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.services.curation import start_curation
from reviews.services.generation import GenerationRequest, start_generation
from reviews.signoff.checklist import checklist_for
from reviews.store import NewDataset
from reviews.workspace.permissions import SYSTEM, Actor
from synth.demo import load_demo
from synth.errors import InputError
from tests.reviews.conftest import R1, R2, STEWARD, answer_batch


@pytest.fixture
def reviewed_round(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    for name, role in (("steward", "steward"), ("reviewer", "reviewer"), ("reviewer2", "reviewer")):
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", role)
    real_id = store.add_dataset(STEWARD, NewDataset("real", load_demo().head(400)))
    job_id = start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 160, seed=3)
    )
    run_one(store)
    (synthetic_id,) = get_job(store, job_id)["result"]["dataset_ids"]
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=10, overlap=2))
    return round_id, synthetic_id


def _answer(store, round_id, synthetic_id):
    frame = queries.load_frame(store, synthetic_id)
    answer_batch(store, round_id, R1, frame, flag_first=True)
    answer_batch(store, round_id, R2, frame)
    assert round_queries.latest_model(store, round_id) is not None


def test_curated_dataset_keeps_preferred_rows_with_lineage(store, reviewed_round):
    round_id, synthetic_id = reviewed_round
    with pytest.raises(ReviewsError, match="no fitted preference model"):
        start_curation(store, STEWARD, round_id, rows=40, k=4, beta=2.0, mode="best_of_k")
    _answer(store, round_id, synthetic_id)
    job_id = start_curation(store, STEWARD, round_id, rows=40, k=4, beta=2.0, mode="best_of_k")
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "done", job["error"]
    result = job["result"]
    curated, source = (
        queries.get_dataset(store, result["dataset_id"]),
        queries.get_dataset(store, synthetic_id),
    )
    assert curated.kind == "synthetic" and curated.rows <= 40 and curated.depth == source.depth
    curation = curated.lineage["curation"]
    assert (curation["round_id"], curation["source_dataset_id"], curation["k"], curation["beta"]) == (
        round_id,
        synthetic_id,
        4,
        2.0,
    )
    assert curation["mode"] == "best_of_k" and len(curation["weights_sha256"]) == 64
    report = result["report"]
    # Reviewers preferred younger people, so the model's utility of the kept rows is higher.
    assert report["mean_utility_after"] > report["mean_utility_before"]
    assert report["columns"]["age"]["variance_ratio"] is not None
    assert verify_chain(store.engine).ok
    depth = next(i for i in checklist_for(store, STEWARD, curated.id).items if i.key == "norm5_depth")
    assert f"Curated from round {round_id} by best of K among K = 4" in str(depth.evidence)
    assert depth.details["curation"]["weights_sha256"] == curation["weights_sha256"]


def test_bad_settings_are_refused_at_once(store, reviewed_round):
    round_id, synthetic_id = reviewed_round
    _answer(store, round_id, synthetic_id)
    with pytest.raises(InputError, match="beta"):
        start_curation(store, STEWARD, round_id, rows=10, k=4, beta=-1.0, mode="softmax")
    with pytest.raises(ReviewsError, match="at most"):
        start_curation(store, STEWARD, round_id, rows=100_000, k=4, beta=1.0, mode="softmax")
    with pytest.raises(PermissionDenied, match="may not generate"):
        start_curation(store, Actor("reviewer", "reviewer"), round_id, rows=10, k=4, beta=1.0, mode="softmax")


def test_table_mode_with_a_simulated_reviewer_runs_as_a_job(store, reviewed_round):
    from reviews.services.collapse import start_curated_collapse

    real_id = next(d.id for d in queries.list_datasets(store) if d.kind == "real" and d.name == "real")
    job_id = start_curated_collapse(
        store,
        STEWARD,
        real_id,
        reviewer={"column": "age", "direction": -1.0, "beta": 2.0, "error_rate": 0.1},
        samples=60,
        generations=2,
        runs=1,
        k=3,
        real_share=0.3,
        generator="bootstrap",
    )
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "done", job["error"]
    assert set(job["result"]["utility"]) == {"replace", "curated", "curated_real"}
    assert len(job["result"]["column_shape"]["curated"]) == 3
