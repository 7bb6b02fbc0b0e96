"""Store writes re-check their own preconditions: a caller that skips the rules, hands in a
result or swaps a file gets nothing written."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from reviews import queries
from reviews.acceptance.inspection import inspection_status, rows_to_judge, start_inspection
from reviews.acceptance.sampling import evaluate
from reviews.bundle import build_bundle
from reviews.errors import AuthenticationFailed, Conflict, PermissionDenied, ReviewsError
from reviews.queries.evaluations import get_evaluation
from reviews.signoff import APPROVE, sign, signoff_for
from reviews.signoff import verdict as verdict_module
from reviews.workspace import artifacts
from reviews.workspace.permissions import Actor
from tests.support.signoff_flow import ADMIN, OFFICER, PASSWORD, R1, STEWARD, accepted_flow

pytestmark = pytest.mark.usefixtures("fast_passwords")
STRICT_FIDELITY = {"privacy": {"fidelity_overall": {"threshold": 0.999, "warn": 0.998}}}


def _signoff_events(store) -> int:
    return sum(len(queries.audit_frame(store, f"signoff.{v}")) for v in ("approve", "reject"))


def test_record_signoff_needs_a_fresh_password_token_for_this_officer_and_dataset(store, monkeypatch):
    flow = accepted_flow(store)
    tokens = []
    original = store.reauthenticate

    def keep(actor, password, dataset_id):
        role, token = original(actor, password, dataset_id)
        tokens.append(token)
        return role, ""  # a caller that drops the proof of re-authentication

    monkeypatch.setattr(store, "reauthenticate", keep)
    with pytest.raises(AuthenticationFailed):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert signoff_for(store, flow.accepted_id) is None and _signoff_events(store) == 0

    # A token issued for another dataset does not sign this one.
    _, other = original(OFFICER, PASSWORD["officer"], flow.synthetic_id)
    monkeypatch.setattr(store, "reauthenticate", lambda a, p, d: (original(a, p, d)[0], other))
    with pytest.raises(AuthenticationFailed):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert signoff_for(store, flow.accepted_id) is None


def test_a_token_signs_once(store, monkeypatch):
    flow = accepted_flow(store)
    original = store.reauthenticate
    _, token = original(OFFICER, PASSWORD["officer"], flow.accepted_id)
    monkeypatch.setattr(store, "reauthenticate", lambda a, p, d: ("officer", token))
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    with pytest.raises(AuthenticationFailed):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="A second signature.")
    assert _signoff_events(store) == 1


def test_record_signoff_rechecks_four_eyes(store, monkeypatch):
    flow = accepted_flow(store)
    store.set_role(ADMIN, "reviewer", "officer")  # R1 reviewed this dataset, then became an officer
    monkeypatch.setattr(verdict_module, "check_four_eyes", lambda *args: None)  # a caller that skips it
    with pytest.raises(PermissionDenied, match="Four-eyes"):
        sign(store, Actor(R1.username, "officer"), flow.accepted_id, PASSWORD["reviewer"], APPROVE)
    assert signoff_for(store, flow.accepted_id) is None and _signoff_events(store) == 0


def test_record_signoff_rechecks_the_checklist(store, monkeypatch):
    flow = accepted_flow(store, gates=STRICT_FIDELITY)
    # A caller that claims nothing blocks approval, without an override.
    monkeypatch.setattr(verdict_module, "_check_texts", lambda *args: [])
    with pytest.raises(Conflict, match="blocked"):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert signoff_for(store, flow.accepted_id) is None and _signoff_events(store) == 0


def test_record_signoff_refuses_a_record_whose_checklist_is_not_the_datasets(store, monkeypatch):
    flow = accepted_flow(store)
    real = verdict_module.checklist_for

    def rosy(store_, actor, dataset_id):
        checklist = real(store_, actor, dataset_id)
        items = tuple(type(i)(**{**i.__dict__, "status": "pass"}) for i in checklist.items)
        return type(checklist)(**{**checklist.__dict__, "items": items})

    monkeypatch.setattr(verdict_module, "checklist_for", rosy)
    with pytest.raises(Conflict, match="does not match"):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert signoff_for(store, flow.accepted_id) is None


def test_close_inspection_decides_from_the_stored_verdicts(store):
    flow = accepted_flow(store)
    inspection_id = start_inspection(store, STEWARD, flow.accepted_id, size=20, min_lower=0.8, seed=2)
    sample = rows_to_judge(store, R1, inspection_id, limit=100)
    half = {int(i): False for i in sample.index[:10]}
    store.record_verdicts(R1, inspection_id, half)
    with pytest.raises(Conflict, match="10 of 20"):
        store.close_inspection(ADMIN, inspection_id)
    with pytest.raises(TypeError):
        store.close_inspection(ADMIN, inspection_id, {"passed": True})  # no result can be handed in
    store.record_verdicts(R1, inspection_id, {int(i): True for i in sample.index[10:]})
    result = store.close_inspection(ADMIN, inspection_id)
    expected = evaluate(10, 20, 0.8)
    assert result["passed"] is False and result["passed_rows"] == 10
    assert result["lower_bound"] == pytest.approx(expected.lower_bound)
    assert inspection_status(store, inspection_id).status == "failed"
    assert store.close_inspection(ADMIN, inspection_id) is None  # already closed


def test_record_evaluation_judges_the_gates_itself(store):
    flow = accepted_flow(store, gates=STRICT_FIDELITY)
    result = {
        "purpose": "augmentation",  # not the dataset's purpose
        "fidelity": {"overall": 0.9},
        "privacy": {"exact_match_rate": 0.0},
        "gates": [{"name": "fidelity_overall", "status": "pass"}],  # claimed, not earned
    }
    evaluation_id = store.record_evaluation(
        STEWARD, flow.accepted_id, {"dataset_id": flow.accepted_id}, result
    )
    kept = get_evaluation(store, evaluation_id)["result"]
    assert kept["purpose"] == "privacy"
    gates = {g["name"]: g["status"] for g in kept["gates"]}
    assert gates["fidelity_overall"] == "fail"  # 0.9 against the stored 0.999 threshold
    assert "singling_out_risk" in gates  # the privacy gates, unmeasured here, are judged too


def test_export_refuses_a_swapped_parquet_file(store):
    flow = accepted_flow(store)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    dataset = queries.get_dataset(store, flow.accepted_id)
    path = store.artifact_root / dataset.artifact_path
    frame = pd.read_parquet(io.BytesIO(path.read_bytes()))
    path.chmod(0o644)
    path.write_bytes(artifacts.frame_to_parquet_bytes(frame.iloc[::-1].reset_index(drop=True)))
    with pytest.raises(ReviewsError, match="changed since it was catalogued"):
        build_bundle(store, STEWARD, flow.accepted_id)
    assert queries.audit_frame(store, "bundle.export").empty
