"""The demo's shipped evaluations: checked on load, used by seeding, and what the app computes."""

from __future__ import annotations

import math

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.queries.jobs import list_jobs
from reviews.workspace import demo_evaluations
from reviews.workspace.demo import seed_demo
from reviews.workspace.demo_evaluations import evaluations_by_digest, shipped_evaluations

# The detection classifier and the utility models are seeded and run on one thread, so a result is
# the same on every run of one machine; on another CPU their float sums may round differently in
# the last bits, which can move a tree split that sat on a tie and shift a score in the third
# decimal. Everything else is closed-form or seeded sampling over the same rows: equal up to
# rounding in the last bits.
MODEL_FITS = ("/fidelity/detection/", "/utility/")
MODEL_TOLERANCE = 0.02
RELATIVE_TOLERANCE = 1e-9
REWRITE = (
    "the demo's rows or evaluation settings changed since the shipped results were computed; "
    "write them again with: python -m reviews.workspace.demo_evaluations"
)


def _seeded(kind, tmp_path, monkeypatch, *, shipped):
    from tests.support.databases import fresh_store

    store = fresh_store(kind, tmp_path, monkeypatch)
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
    seed_demo(store, shipped_evaluations=shipped)
    return store


def assert_same(recomputed, shipped, path="/"):
    """``recomputed`` equals ``shipped``, floats within the tolerances above; timings are skipped."""
    if isinstance(shipped, dict):
        assert isinstance(recomputed, dict) and set(recomputed) == set(shipped), path
        for key, value in shipped.items():
            if key != "timing_s":
                assert_same(recomputed[key], value, f"{path}{key}/")
    elif isinstance(shipped, list):
        assert isinstance(recomputed, list) and len(recomputed) == len(shipped), path
        for index, (mine, theirs) in enumerate(zip(recomputed, shipped)):
            assert_same(mine, theirs, f"{path}{index}/")
    elif isinstance(shipped, float) and type(recomputed) in (int, float):
        if math.isnan(shipped):
            assert math.isnan(recomputed), path
        elif path.startswith(MODEL_FITS):
            assert recomputed == pytest.approx(shipped, abs=MODEL_TOLERANCE), path
        else:
            assert recomputed == pytest.approx(shipped, rel=RELATIVE_TOLERANCE, abs=1e-12), path
    else:
        assert recomputed == shipped, path


def test_the_shipped_file_passes_its_checksum_and_a_changed_copy_is_not_used(tmp_path, monkeypatch):
    shipped = shipped_evaluations()
    assert len(shipped) == 2 and all("fidelity" in result for result in shipped.values())

    changed = tmp_path / "demo_evaluations.json"
    changed.write_bytes(demo_evaluations.SHIPPED.read_bytes().replace(b'"overall": 0.', b'"overall": 1.', 1))
    checksum = tmp_path / "demo_evaluations.json.sha256"
    checksum.write_text(demo_evaluations.CHECKSUM.read_text())
    monkeypatch.setattr(demo_evaluations, "SHIPPED", changed)
    monkeypatch.setattr(demo_evaluations, "CHECKSUM", checksum)
    shipped_evaluations.cache_clear()
    try:
        assert shipped_evaluations() == {}
    finally:
        shipped_evaluations.cache_clear()


def test_seeding_answers_the_demo_evaluation_jobs_from_the_shipped_results(tmp_path, monkeypatch):
    store = _seeded("sqlite", tmp_path, monkeypatch, shipped=True)
    stored = evaluations_by_digest(store)
    assert set(stored) == set(shipped_evaluations()), REWRITE
    assert stored == shipped_evaluations()  # each one recorded as shipped, under its own inputs' digest
    evaluations = list_jobs(store, kind="evaluate")
    assert [job["status"] for job in evaluations] == ["done", "done"]
    # Recorded by the store as any evaluation is: one audited event each, in a chain that verifies.
    assert len(queries.audit_frame(store, "evaluation.record")) == 2
    assert verify_chain(store.engine).ok


def test_the_shipped_results_are_what_the_app_computes_for_the_demo(tmp_path, monkeypatch):
    store = _seeded("sqlite", tmp_path, monkeypatch, shipped=False)
    recomputed = evaluations_by_digest(store)
    shipped = shipped_evaluations()
    # Same digests: the demo's rows and settings are still those the file was computed from.
    assert set(recomputed) == set(shipped), REWRITE
    for digest, result in shipped.items():
        assert_same(recomputed[digest], result)
