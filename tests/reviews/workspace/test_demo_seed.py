"""The demo workspace: users per role, the demo data, a generated, evaluated, partly reviewed dataset."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied, ReviewsError
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import latest_evaluation
from reviews.workspace.demo import SEEDED_ANSWERS, reset_demo, seed_demo
from reviews.workspace.permissions import Actor


@pytest.fixture
def seeded(tmp_path, monkeypatch):
    from tests.support.databases import fresh_store

    store = fresh_store("sqlite", tmp_path, monkeypatch)
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
    seed_demo(store)
    return store


def test_seed_has_everything_a_presenter_needs(seeded):
    users = set(queries.list_users(seeded)["role"])
    assert users == {"admin", "steward", "reviewer", "officer"}
    kinds = [d.kind for d in queries.list_datasets(seeded)]
    assert kinds.count("synthetic") == 1
    synthetic = next(d for d in queries.list_datasets(seeded) if d.kind == "synthetic")
    assert latest_evaluation(seeded, synthetic.id) is not None
    (round_,) = round_queries.list_rounds(seeded)
    assert len(round_queries.responses(seeded, round_.id)) == SEEDED_ANSWERS
    seed_demo(seeded)  # idempotent
    assert len(queries.list_datasets(seeded)) == len(kinds)
    assert verify_chain(seeded.engine).ok


def test_reset_demo(seeded, monkeypatch):
    with pytest.raises(PermissionDenied):
        reset_demo(seeded, Actor("steward", "steward"))
    reset_demo(seeded, Actor("admin", "admin"))
    assert len(round_queries.responses(seeded, round_queries.list_rounds(seeded)[0].id)) == SEEDED_ANSWERS
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "0")
    with pytest.raises(ReviewsError, match="Only a demo workspace"):
        reset_demo(seeded, Actor("admin", "admin"))
