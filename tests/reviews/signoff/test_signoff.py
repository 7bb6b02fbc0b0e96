"""Sign-off through the real flow: four eyes, re-authentication, comments, blocking and
overrides, the signed record, and an audit chain that still verifies."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.bundle import NotApproved, build_bundle
from reviews.errors import AuthenticationFailed, PermissionDenied, ReviewsError
from reviews.signoff import (
    APPROVE,
    APPROVE_WITH_CONDITIONS,
    FIELDS,
    REJECT,
    SignoffBlocked,
    checklist_for,
    documentation_for,
    involvement,
    save_documentation,
    sign,
    signoff_for,
    signoff_view,
)
from reviews.workspace.schema import signoffs
from tests.support.signoff_flow import (
    ADMIN,
    OFFICER,
    OFFICER2,
    PASSWORD,
    R1,
    STEWARD,
    accepted_flow,
)

pytestmark = pytest.mark.usefixtures("fast_passwords")

STRICT_FIDELITY = {"privacy": {"fidelity_overall": {"threshold": 0.99, "warn": 0.98}}}


def _events(store, action):
    return queries.audit_frame(store, action)


def test_four_eyes_reauthentication_and_comments(store):
    flow = accepted_flow(store)
    involved = involvement(store, flow.accepted_id)
    assert set(involved) == {"steward", "reviewer", "reviewer2"}
    # People change roles; what they did to the dataset still bars them from signing it.
    store.set_role(ADMIN, "steward", "officer")
    store.set_role(ADMIN, "reviewer", "officer")
    for former in ("steward", "reviewer"):
        with pytest.raises(PermissionDenied, match="Four-eyes rule"):
            sign(store, type(OFFICER)(former, "officer"), flow.accepted_id, PASSWORD[former], APPROVE)
    with pytest.raises(PermissionDenied):
        sign(store, STEWARD, flow.accepted_id, PASSWORD["steward"], APPROVE)  # a steward may not sign at all
    view = signoff_view(store, type(OFFICER)("steward", "officer"), flow.accepted_id)
    assert not view.can_sign and "generated" in view.cannot_sign_reason

    with pytest.raises(ReviewsError, match="rejection needs a comment"):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], REJECT, comment="  ")
    with pytest.raises(ReviewsError, match="conditions"):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE_WITH_CONDITIONS)

    with pytest.raises(AuthenticationFailed):
        sign(store, OFFICER, flow.accepted_id, "wrong-password", APPROVE)
    failed = _events(store, "signoff.reauth_failed")
    assert list(failed["actor"]) == ["officer"] and list(failed["object"]) == [f"dataset:{flow.accepted_id}"]
    assert signoff_for(store, flow.accepted_id) is None

    rejection = sign(
        store, OFFICER, flow.accepted_id, PASSWORD["officer"], REJECT, comment="Too few rows for the purpose."
    )
    assert signoff_for(store, flow.accepted_id).id == rejection
    with pytest.raises(NotApproved, match="rejected"):
        build_bundle(store, STEWARD, flow.accepted_id)
    with pytest.raises(NotApproved, match="not been signed off"):
        build_bundle(store, STEWARD, flow.synthetic_id)

    approval = sign(
        store,
        OFFICER2,
        flow.accepted_id,
        PASSWORD["officer2"],
        APPROVE_WITH_CONDITIONS,
        comment="Use for evaluation only until the next review.",
    )
    latest = signoff_for(store, flow.accepted_id)
    assert latest.id == approval and latest.approved and latest.officer == "officer2"
    assert list(_events(store, "signoff.")["action"])[:2] == [
        "signoff.approve_with_conditions",
        "signoff.reject",
    ]
    assert verify_chain(store.engine).ok


def test_signed_record_covers_the_evidence_and_detects_edits(store):
    flow = accepted_flow(store)
    signoff_id = sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Fine.")
    record = signoff_for(store, flow.accepted_id)
    dataset = queries.get_dataset(store, flow.accepted_id)
    body = record.record
    assert record.signature_valid()
    assert body["dataset"]["sha256"] == dataset.sha256 == record.dataset_sha256
    assert body["report_sha256"] == record.report_sha256 and len(record.report_sha256) == 64
    assert (body["verdict"], body["officer"]) == ("approve", "officer")
    assert {i["key"] for i in body["checklist"]["items"]} >= {
        "norm1_purpose",
        "norm6_human_judgement",
        "inspection",
    }
    assert set(body["documentation"]) == {f.key for f in FIELDS}
    # Someone edits the stored verdict's record behind the store's back: the signature no longer holds.
    with store.engine.begin() as conn:
        conn.execute(
            update(signoffs)
            .where(signoffs.c.id == signoff_id)
            .values(record=record.record_text.replace('"approve"', '"approvE"'))
        )
    assert not signoff_for(store, flow.accepted_id).signature_valid()
    with pytest.raises(ReviewsError, match="does not match its signature"):
        build_bundle(store, STEWARD, flow.accepted_id)


def test_any_threshold_reads_as_an_ordinary_number(store):
    flow = accepted_flow(store)  # accepts every row at a threshold of -1e9
    (judgement,) = [
        i for i in checklist_for(store, OFFICER, flow.accepted_id).items if i.key == "norm6_human_judgement"
    ]
    assert "at threshold -1,000,000,000 (accepted" in judgement.evidence
    fields = documentation_for(store, flow.accepted_id).fields
    preparation = next(f for f in fields if f.spec.key == "preparation")
    assert "rows scoring at least -1,000,000,000 with fewer than 1 flag(s)" in preparation.suggestion


def test_failing_gate_and_missing_documentation_block_until_overridden(store):
    flow = accepted_flow(store, gates=STRICT_FIDELITY, document=False)
    checklist = checklist_for(store, OFFICER, flow.accepted_id)
    statuses = {i.key: i.status for i in checklist.items}
    assert statuses["norm1_purpose"] == "fail"
    assert statuses["documentation_art10"] == statuses["documentation_datasheet"] == "missing"
    assert {i.key for i in checklist.blocking} == {
        "norm1_purpose",
        "documentation_art10",
        "documentation_datasheet",
    }
    with pytest.raises(SignoffBlocked, match="Purpose decides fidelity \\(fail\\)"):
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    # The synthetic parent has neither an evaluation nor an inspection of its own.
    parent = {i.key: i for i in checklist_for(store, OFFICER, flow.synthetic_id).items}
    assert parent["gates_privacy"].status == parent["inspection"].status == "missing"
    assert (
        parent["norm6_human_judgement"].status == "pass"
        and f"round:{flow.round_id}" in parent["norm6_human_judgement"].links
    )

    # Suggestions prefill the form but do not count as written.
    documentation = documentation_for(store, flow.accepted_id)
    preparation = next(f for f in documentation.fields if f.spec.key == "preparation")
    assert "rules" in preparation.suggestion and not preparation.written
    with pytest.raises(PermissionDenied):
        save_documentation(store, R1, flow.accepted_id, {"preparation": "x"})
    with pytest.raises(ReviewsError, match="Unknown documentation"):
        save_documentation(store, STEWARD, flow.accepted_id, {"nonsense": "x"})
    save_documentation(store, STEWARD, flow.accepted_id, {f.key: f"About {f.label}." for f in FIELDS})
    blocking = checklist_for(store, OFFICER, flow.accepted_id).blocking
    assert [i.key for i in blocking] == ["norm1_purpose"]

    with pytest.raises(SignoffBlocked):
        sign(
            store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, override_justification="ok"
        )  # too short
    justification = "Fidelity 0.8 suffices for the evaluation-only use agreed with the model owner."
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, override_justification=justification)
    record = signoff_for(store, flow.accepted_id)
    assert record.override_justification == justification
    assert record.record["overridden"] == ["norm1_purpose"]
    event = _events(store, "signoff.approve").iloc[0]
    assert justification in event["payload"] and "norm1_purpose" in event["payload"]
    assert verify_chain(store.engine).ok
