"""Rounds page: a steward makes a curated dataset from the round's model and sees what it did."""

from __future__ import annotations

from reviews import queries
from reviews.jobs.worker import run_one
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.services.generation import GenerationRequest, start_generation
from reviews.store import NewDataset
from reviews.workspace.permissions import SYSTEM, Actor
from synth.demo import load_demo
from tests.pages.conftest import PASSWORDS, ROLES, app_as, page_text
from tests.reviews.conftest import R1, R2, answer_batch
from tests.support.databases import fresh_store

STEWARD = Actor("steward", "steward")


def _reviewed_round(workspace, generated: int = 160) -> int:
    real_id = workspace.add_dataset(STEWARD, NewDataset("arrests", load_demo().head(400)))
    request = GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], generated, seed=3)
    job_id = start_generation(workspace, STEWARD, request)
    run_one(workspace)
    (synthetic_id,) = get_job(workspace, job_id)["result"]["dataset_ids"]
    round_id = rounds.open_round(
        workspace, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=10, overlap=2)
    )
    frame = queries.load_frame(workspace, synthetic_id)
    answer_batch(workspace, round_id, R1, frame)
    answer_batch(workspace, round_id, R2, frame)
    assert round_queries.latest_model(workspace, round_id) is not None
    return round_id


def test_steward_makes_a_curated_dataset_and_sees_utility_and_diversity(workspace):
    _reviewed_round(workspace)
    at = app_as("steward", "pages/rounds.py", timeout=120)
    at.number_input(key="rounds_curate_rows").set_value(50)
    at.selectbox(key="rounds_curate_mode").set_value("best_of_k")
    next(b for b in at.button if b.label == "Make a curated dataset").click().run()
    assert not at.exception
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception
    assert "is stored" in page_text(at)
    utility = next(m for m in at.metric if m.label == "Mean utility")
    assert utility.delta.startswith("+")
    columns = next(f.value for f in at.dataframe if "variance ratio" in f.value.columns)
    assert columns.loc["age", "variance ratio"] > 0
    assert "age" in columns.index
    categories = next(f.value for f in at.dataframe if "category coverage" in f.value.columns)
    assert "sex" in categories.index and categories.notna().all().all()  # one table per kind: no gaps
    curated = [d for d in queries.list_datasets(workspace) if (d.lineage or {}).get("curation")]
    assert len(curated) == 1 and curated[0].lineage["curation"]["k"] == 4


def test_admin_sees_the_curation_form(workspace):
    _reviewed_round(workspace)
    at = app_as("admin", "pages/rounds.py", timeout=120)
    assert not at.exception and "Make a curated dataset" in [b.label for b in at.button]


def test_a_fresh_workspace_reusing_the_ids_gets_its_own_preview(workspace, tmp_path, monkeypatch):
    # A demo reset (or another home) starts the ids again; the acceptance preview, kept across
    # runs, must not be the previous workspace's rows under the same round and dataset ids.
    first = _reviewed_round(workspace, generated=60)
    at = app_as("steward", "pages/rounds.py", timeout=120)
    assert not at.exception and at.slider(key="rounds_threshold")
    again = fresh_store("sqlite", tmp_path / "again", monkeypatch)
    for name, role in ROLES.items():
        again.create_user(SYSTEM, name, PASSWORDS[name], role)
    assert _reviewed_round(again, generated=160) == first
    at = app_as("steward", "pages/rounds.py", timeout=120)
    assert not at.exception
    assert "Would be accepted" in [m.label for m in at.metric]
