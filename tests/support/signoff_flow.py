"""Builds datasets for the sign-off and bundle tests through the real flow: import the demo,
generate with the rules generator, review, accept, inspect and evaluate (small sizes)."""

from __future__ import annotations

from dataclasses import dataclass

from reviews import queries
from reviews.acceptance.apply import apply_acceptance
from reviews.acceptance.inspection import judge, rows_to_judge, start_inspection
from reviews.jobs.worker import run_one
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.services.evaluation import start_evaluation
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.signoff import FIELDS, save_documentation
from reviews.workspace.permissions import SYSTEM, Actor
from tests.reviews.conftest import answer_batch

ADMIN = Actor("admin", "admin")
STEWARD = Actor("steward", "steward")
R1, R2 = Actor("reviewer", "reviewer"), Actor("reviewer2", "reviewer")
OFFICER, OFFICER2 = Actor("officer", "officer"), Actor("officer2", "officer")
PASSWORD = {
    name: f"{name}-pass-phrase1"
    for name in ("admin", "steward", "reviewer", "reviewer2", "officer", "officer2")
}


@dataclass(frozen=True)
class Flow:
    real_id: int
    synthetic_id: int
    round_id: int
    accepted_id: int
    inspection_id: int


def _run(store, job_id: int) -> dict:
    run_one(store)
    job = get_job(store, job_id)
    assert job["status"] == "done", job["error"]
    return job["result"]


def make_users(store) -> None:
    for name, role in (
        ("admin", "admin"),
        ("steward", "steward"),
        ("reviewer", "reviewer"),
        ("reviewer2", "reviewer"),
        ("officer", "officer"),
        ("officer2", "officer"),
    ):
        store.create_user(SYSTEM, name, PASSWORD[name], role)


# The flow's 150 rules-generated rows sit closer to training than unseen real rows do, so the
# privacy purpose's memorisation gates fail them, rightly (tests/synth/metrics cover that). These
# tests are about what happens around a verdict, so the flow opens those gates; a test that needs
# a gate to block passes its own settings, which are laid over these.
OPEN_PRIVACY_GATES = {
    name: {"threshold": 1.0, "warn": 1.0}
    for name in (
        "exact_match_excess",
        "dcr_excess",
        "membership_inference_auc",
        "singling_out_risk",
        "linkability_risk",
        "inference_risk",
    )
}


def accepted_flow(store, gates: dict | None = None, document: bool = True) -> Flow:
    """A real source, a privacy dataset, a round with answers, accepted rows, a passed inspection,
    an evaluation of the accepted rows, and (optionally) the documentation written."""
    make_users(store)
    settings = {"privacy": dict(OPEN_PRIVACY_GATES)}
    for purpose, changes in (gates or {}).items():
        settings.setdefault(purpose, {}).update(changes)
    store.set_setting(ADMIN, "gates", settings)
    real_id = import_demo(store, STEWARD)
    job = start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 150, seed=3)
    )
    synthetic_id = _run(store, job)["dataset_ids"][0]
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=4, overlap=2))
    frame = queries.load_frame(store, synthetic_id)
    answer_batch(store, round_id, R1, frame, limit=4)
    answer_batch(store, round_id, R2, frame, limit=4)
    accepted_id = apply_acceptance(store, STEWARD, round_id, -1e9)
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=20, min_lower=0.8, seed=1)
    sample = rows_to_judge(store, R1, inspection_id, limit=100)
    assert judge(store, R1, inspection_id, {int(i): True for i in sample.index}).status == "passed"
    _run(store, start_evaluation(store, STEWARD, accepted_id))
    if document:
        save_documentation(
            store, STEWARD, accepted_id, {f.key: f"Written by the steward about {f.label}." for f in FIELDS}
        )
    return Flow(real_id, synthetic_id, round_id, accepted_id, inspection_id)
