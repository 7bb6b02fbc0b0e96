"""The demo workspace: users per role, the demo data, a generated, evaluated, partly reviewed dataset."""

from __future__ import annotations

import json
import re

import pytest

from reviews import queries
from reviews.acceptance.apply import acceptance_inputs
from reviews.acceptance.inspection import list_inspections
from reviews.audit.chain import verify_chain
from reviews.cli import main
from reviews.errors import PermissionDenied, ReviewsError
from reviews.queries import rounds as round_queries
from reviews.queries.audit import chain_rows
from reviews.queries.evaluations import latest_evaluation
from reviews.signoff import checklist_for, documentation_for, signoff_for
from reviews.workspace.demo import SEEDED_ANSWERS, reset_demo, seed_demo
from reviews.workspace.demo_approved import OFFICER, ROWS, approved_dataset_ids
from reviews.workspace.permissions import Actor
from reviews.workspace.signing import fingerprint, public_key_pem


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
    assert kinds.count("synthetic") == 2 and kinds.count("accepted") == 1
    synthetic = next(d for d in queries.list_datasets(seeded) if d.kind == "synthetic")
    assert latest_evaluation(seeded, synthetic.id) is not None
    round_ = round_queries.list_rounds(seeded, synthetic.id)[0]
    assert len(round_queries.responses(seeded, round_.id)) == SEEDED_ANSWERS
    seed_demo(seeded)  # idempotent
    assert len(queries.list_datasets(seeded)) == len(kinds)
    assert verify_chain(seeded.engine).ok


def test_reset_demo(seeded, monkeypatch):
    with pytest.raises(PermissionDenied):
        reset_demo(seeded, Actor("steward", "steward"))
    head = chain_rows(seeded.engine)[0]
    reset_demo(seeded, Actor("admin", "admin"))
    (reset,) = queries.audit_frame(seeded, "workspace.reset").to_dict("records")
    assert reset["seq"] == 1 and reset["actor"] == "admin"  # the new chain's first event...
    previous = json.loads(reset["payload"])["previous_head"]
    # ...names the old chain's head: its last event was the recorded reset request.
    assert previous["seq"] == head.seq + 1 and len(previous["hash"]) == 64 and previous["hash"] != head.hash
    assert verify_chain(seeded.engine).ok
    assert len(round_queries.responses(seeded, round_queries.list_rounds(seeded)[0].id)) == SEEDED_ANSWERS
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "0")
    with pytest.raises(ReviewsError, match="Only a demo workspace"):
        reset_demo(seeded, Actor("admin", "admin"))


def test_the_demo_holds_an_approved_dataset_with_its_evidence(seeded, tmp_path, monkeypatch, capsys):
    (approved,) = approved_dataset_ids(seeded)
    record = signoff_for(seeded, approved)
    assert record.approved and record.officer == "officer" and record.signature_valid()
    assert documentation_for(seeded, approved).version is not None
    assert [i.status for i in list_inspections(seeded) if i.dataset_id == approved] == ["passed"]

    assert main(["datasets", "list", "--json"]) == 0
    listed = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed[approved]["kind"] == "accepted" and listed[approved]["purpose"] == "privacy"
    assert listed[approved]["status"] == {"signed": True, "verdict": "approve", "officer": "officer"}
    assert set(listed[approved]) == {"id", "name", "kind", "purpose", "depth", "status"}
    assert not any(d["status"]["signed"] for i, d in listed.items() if i != approved)

    # Bundle trust across two workspaces: exported here, checked against another workspace's key.
    bundle = tmp_path / "bundle.zip"
    assert main(["export", str(approved), "--out", str(bundle)]) == 0
    assert main(["verify-bundle", str(bundle)]) == 0
    ours = fingerprint(public_key_pem())
    assert f"sha256:{ours}" in capsys.readouterr().out
    published = tmp_path / "ours.pem"
    assert main(["key", "show", "--pem"]) == 0
    published.write_text(capsys.readouterr().out)

    monkeypatch.setenv("SYNTHREVIEW_HOME", str(tmp_path / "second-workspace"))
    monkeypatch.setenv("SYNTHREVIEW_DATABASE_URL", f"sqlite:///{tmp_path / 'second-workspace' / 'db.sqlite'}")
    assert main(["key", "show"]) == 0  # the second workspace gets its own key
    theirs = capsys.readouterr().out.split("sha256:")[1].split()[0]
    assert theirs != ours
    assert main(["verify-bundle", str(bundle)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and f"sha256:{ours}" in out and f"sha256:{theirs}" in out
    assert main(["verify-bundle", str(bundle), "--public-key", str(published)]) == 0


@pytest.fixture(params=["sqlite", "postgres"])
def seeded_anywhere(request, tmp_path, monkeypatch):
    """The seeded demo on SQLite, and on PostgreSQL when SYNTHREVIEW_TEST_POSTGRES_URL is set."""
    from tests.support.databases import drop_postgres_database, fresh_store

    store = fresh_store(request.param, tmp_path, monkeypatch)
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
    seed_demo(store)
    yield store
    drop_postgres_database(store)


def test_the_demo_accepts_at_a_threshold_a_steward_could_pick(seeded_anywhere):
    (approved,) = approved_dataset_ids(seeded_anywhere)
    acceptance = queries.get_dataset(seeded_anywhere, approved).lineage["acceptance"]
    scores = acceptance_inputs(seeded_anywhere, acceptance["round_id"]).scores
    # The Review rounds slider runs from the lowest modelled score to the highest; the demo takes
    # its lowest setting, which keeps every row (its reviewers flag none).
    assert acceptance["threshold"] == scores.min() < scores.max()
    assert len(acceptance["accepted_rows"]) == ROWS == len(scores)

    (item,) = [
        i for i in checklist_for(seeded_anywhere, OFFICER, approved).items if i.key == "norm6_human_judgement"
    ]
    shown = re.search(r"at threshold (\S+) \(accepted (\d+) rows\)", item.evidence)
    assert shown, item.evidence
    assert re.fullmatch(r"-?\d+(\.\d+)?", shown[1]), f"not an ordinary number: {shown[1]}"
    assert float(shown[1]) == pytest.approx(scores.min(), rel=1e-4) and int(shown[2]) == ROWS
