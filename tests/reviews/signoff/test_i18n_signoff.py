"""Sign-off, audit, users and export texts stay English for records and the CLI, and keep the
form (``Msg`` / ``N_``) that lets the interface show them in Chinese.

Chinese rendering is checked with small literal translations here, so these tests do not depend
on the catalog; tests/pages/test_i18n_signoff_pages.py checks the pages with the real catalog.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from reviews.audit.chain import verify_chain
from reviews.audit.hashing import canonical_json
from reviews.bundle import NotApproved, build_bundle, export_view
from reviews.errors import AuthenticationFailed, Conflict, PermissionDenied, ReviewsError
from reviews.queries.overview import NEXT_STEPS, workspace_overview
from reviews.signoff import (
    APPROVE,
    checklist_for,
    documentation_for,
    four_eyes_problem,
    sign,
    signoff_for,
    signoff_view,
)
from reviews.signoff.checklist import english_only
from reviews.signoff.checklist.depth import depth_item
from reviews.signoff.checklist.gates import gate_item, gate_text
from reviews.signoff.checklist.outliers import outliers_item
from reviews.signoff.checklist.purpose import purpose_item
from reviews.signoff.checklist.quality import findings_text
from reviews.signoff.checklist.stages import stages_item
from reviews.signoff.verdict import blocking_message
from reviews.workspace.permissions import ACTION_NAMES, PERMISSIONS, Actor, require
from synth.i18n import Msg, from_data, joined, message_of, render, to_data, word
from tests.support.signoff_flow import ADMIN, OFFICER, PASSWORD, R1, STEWARD, accepted_flow

pytestmark = pytest.mark.usefixtures("fast_passwords")

ZH = {
    "Limit the training stage": "限定训练阶段",
    "May feed {stages}; pre-training allowed because: "
    "{justification}": "可用于：{stages}；允许用于预训练，理由：{justification}",
    "fine-tuning": "微调",
    "pre-training": "预训练",
    " and ": "，并且",
    "generated dataset:{dataset_id}": "生成了 dataset:{dataset_id}",
    "answered review round:{round_id}": "回答了审阅轮次 round:{round_id}",
    "{user} ({role}) may not {action}; ask a user with the right "
    "role": "{user}（{role}）无权{action}；请联系具有相应角色的用户",
    "steward": "数据管理员",
    "sign off": "签核",
}


def zh(message, catalog: dict = ZH) -> str:
    return render(message, lambda s: catalog.get(s, s))


def _dataset(**fields):
    base = dict(id=7, purpose="privacy", labels={}, lineage={}, kind="accepted", parent_id=3, depth=1)
    return SimpleNamespace(**{**base, **fields})


def test_joined_is_the_english_join_and_translates_each_part():
    parts = [Msg("fine-tuning"), Msg("pre-training")]
    assert joined(parts) == "fine-tuning, pre-training"
    assert zh(joined(parts)) == "微调, 预训练"
    assert joined(["a {x}", "b"], "; {y} ") == "a {x}; {y} b"  # braces in parts or separator are text
    assert (
        zh(joined([Msg("generated dataset:{dataset_id}", dataset_id=4), "x"], Msg(" and ")))
        == "生成了 dataset:4，并且x"
    )
    assert joined([]) == "" and not joined([])
    assert (
        word("steward") == "steward"
        and isinstance(word("steward"), Msg)
        and word(None) is None
        and word(3) == 3
    )


def test_evidence_is_the_english_text_it_always_was_and_renders_in_chinese():
    item = stages_item(
        _dataset(
            labels={
                "stages": ["fine-tuning", "pre-training"],
                "pretraining_justification": "the model owner agreed",
            }
        )
    )
    assert item.title == "Limit the training stage" and item.status == "warn"
    assert (
        item.evidence
        == "May feed fine-tuning, pre-training; pre-training allowed because: the model owner agreed"
    )
    assert item.evidence.msgid == "May feed {stages}; pre-training allowed because: {justification}"
    assert zh(item.title) == "限定训练阶段"
    assert (
        zh(item.evidence) == "可用于：微调, 预训练；允许用于预训练，理由：the model owner agreed"
    )  # a justification is data

    depth = depth_item(_dataset(lineage={"max_depth": 1, "override_justification": "needed"}, depth=2))
    assert depth.evidence == "Depth 2 past the limit of 1, overridden: needed"
    outliers = outliers_item(
        _dataset(
            lineage={
                "outlier_coverage": [{"column": "age", "real_outliers": 4, "covered": 1}],
                "settings": {"outlier_fraction": 0.02},
            }
        )
    )
    assert outliers.evidence == (
        "1 of 4 real outliers (25%) have a synthetic counterpart (age 1/4); injected outlier fraction 0.02."
    )
    gates = [{"name": "fidelity_overall", "status": "pass", "explanation": "mean of shapes"}]
    purpose = purpose_item(
        _dataset(labels={"deliberate_columns": ["sex"]}), {"id": 11, "result": {}}, gates, True
    )
    assert purpose.status == "warn"  # evidence measured on the parent caps a pass
    assert purpose.evidence == (
        "Purpose privacy, judged by that purpose's gates. fidelity_overall PASS (mean of shapes) "
        "Columns changed on purpose: sex. Measured on the parent dataset (evaluation:11); "
        "evaluate the accepted rows for direct evidence."
    )
    gate = gate_item("fairness", _dataset(), {"id": 11, "result": {}}, gates, False)
    assert (gate.title, gate.status) == ("Fairness gates", "n/a")
    assert gate.evidence == "No fairness gate applies to purpose privacy."


def test_the_signed_record_holds_english_only(store):
    flow = accepted_flow(store)
    checklist = checklist_for(store, OFFICER, flow.accepted_id)
    assert any(isinstance(i.evidence, Msg) for i in checklist.items)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Fine.")
    record = signoff_for(store, flow.accepted_id)
    assert record.signature_valid()
    items = record.record["checklist"]["items"]
    # The record's checklist is the English text, no message templates and no translatable forms.
    assert [i["evidence"] for i in items] == [str(i.evidence) for i in checklist.items]
    assert [i["title"] for i in items] == [str(i.title) for i in checklist.items]
    assert "msgid" not in record.record_text and '_data"' not in record.record_text
    assert items[0]["evidence"].startswith(
        "Purpose privacy, judged by that purpose's gates. fidelity_overall PASS ("
    )
    assert json.loads(canonical_json(checklist.to_dict())) == record.record["checklist"]
    assert verify_chain(store.engine).ok
    with store.engine.connect() as conn:
        payloads = list(conn.execute(text("SELECT payload FROM audit_events")).scalars())
    assert payloads and not [p for p in payloads if "msgid" in p]


def test_english_only_drops_translatable_forms_beside_their_text():
    explanation = Msg("{what}: {v}", what="x", v=1)
    gates = {
        "gates": [{"name": "g", "explanation": explanation, "explanation_data": to_data(explanation)}],
        "note_data": {"kept": "no English sibling"},
    }
    assert english_only(gates) == {
        "gates": [{"name": "g", "explanation": "x: 1"}],
        "note_data": {"kept": "no English sibling"},
    }


def test_gate_explanations_and_findings_keep_their_translatable_form():
    explanation = Msg("{what}: {v}", what=Msg("share of copies"), v=1)
    stored = {
        "name": "exact_match_rate",
        "status": "fail",
        "explanation": str(explanation),
        "explanation_data": to_data(explanation),
    }  # as read back from the database
    text_ = gate_text([stored])
    assert text_ == "exact_match_rate FAIL (share of copies: 1)"
    assert (
        zh(
            text_,
            {
                "share of copies": "副本占比",
                "exact-match rate": "完全匹配率",
                "FAIL": "不通过",
                "{name} {status} ({explanation})": "门槛 {name} {status}（{explanation}）",
            },
        )
        == "门槛 完全匹配率 不通过（副本占比: 1）"
    )  # the record keeps the gate's identifier; the reader sees its name
    detail = Msg("{n} rows repeat", n=5)
    finding = {
        "kind": "duplicate_rows",
        "column": None,
        "detail": str(detail),
        "detail_data": to_data(detail),
    }
    assert findings_text([finding]) == "duplicate_rows: 5 rows repeat"
    assert findings_text([finding]).args["p0"].args["detail"].msgid == "{n} rows repeat"
    assert findings_text([]) == "no findings"


def test_blocking_four_eyes_and_refusals_are_messages(store):
    flow = accepted_flow(store, gates={"privacy": {"fidelity_overall": {"threshold": 0.99, "warn": 0.98}}})
    checklist = checklist_for(store, OFFICER, flow.accepted_id)
    blocked = blocking_message(checklist)
    assert blocked.msgid.startswith("Approval is blocked by: {items}.") and blocked.args["n"] == 10
    assert "Purpose decides fidelity (fail)" in blocked
    with pytest.raises(ReviewsError) as raised:
        sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert message_of(raised.value) == blocked and isinstance(message_of(raised.value), Msg)

    problem = four_eyes_problem(store, Actor("reviewer", "officer"), flow.accepted_id)
    assert problem == (
        "Four-eyes rule: reviewer answered review round:1 and judged rows in inspection:1, so may not "
        f"sign dataset:{flow.accepted_id} off. Ask an officer who took no part in making or reviewing it."
    )
    assert "回答了审阅轮次 round:1，并且" in zh(problem)
    reason = signoff_view(store, STEWARD, flow.accepted_id).cannot_sign_reason
    assert (reason.msgid, str(reason)) == (
        "Only officers sign off; you are signed in as {role}.",
        "Only officers sign off; you are signed in as steward.",
    )

    with pytest.raises(PermissionDenied) as denied:
        require(STEWARD, "sign_off")
    assert str(denied.value) == "steward (steward) may not sign off; ask a user with the right role"
    assert zh(message_of(denied.value)) == "steward（数据管理员）无权签核；请联系具有相应角色的用户"
    with pytest.raises(AuthenticationFailed, match="password is wrong"):
        sign(store, OFFICER, flow.accepted_id, "wrong-password", "reject", comment="Too few rows, as agreed.")

    reason = export_view(store, STEWARD, flow.accepted_id).reason
    assert isinstance(reason, Msg) and reason.args == {"dataset_id": flow.accepted_id}
    assert (
        export_view(store, R1, flow.accepted_id).reason
        == "reviewer (reviewer) may not export; ask a steward."
    )
    with pytest.raises(NotApproved) as refused:
        build_bundle(store, STEWARD, flow.accepted_id)
    assert message_of(refused.value).msgid.startswith("Dataset {dataset_id} has not been signed off")


def test_every_permission_has_a_readable_name():
    actions = set().union(*PERMISSIONS.values())
    assert actions <= set(ACTION_NAMES)
    assert all(ACTION_NAMES[a] == a.replace("_", " ") for a in actions)  # the English refusal is unchanged


def test_user_errors_are_messages_with_unchanged_english(store):
    store.create_user(ADMIN, "admin", "admin-pass-phrase1", "admin")
    with pytest.raises(Conflict) as duplicate:
        store.create_user(ADMIN, "admin", "another-pass-phrase", "admin")
    assert str(duplicate.value) == "A user named 'admin' already exists; pick another name."
    assert message_of(duplicate.value).args == {"name": "admin"}
    with pytest.raises(ReviewsError) as short:
        store.create_user(ADMIN, "newbie", "short", "reviewer")
    assert message_of(short.value).msgid == "The password is too short: use at least {n} characters."
    with pytest.raises(ReviewsError) as role:
        store.create_user(ADMIN, "newbie", "long-enough-12", "king")
    assert str(role.value) == "Unknown role 'king': choose one of admin, steward, reviewer, officer."
    assert zh(message_of(role.value), {"admin": "管理员"}).endswith(
        "choose one of 管理员, steward, reviewer, officer."
    )
    with pytest.raises(AuthenticationFailed) as wrong:
        store.authenticate("admin", "nope")
    assert message_of(wrong.value) == "Wrong username or password, or the account is locked or disabled."


def test_documentation_suggestions_translate(store):
    flow = accepted_flow(store, document=False)
    hints = {f.spec.key: f.suggestion for f in documentation_for(store, flow.accepted_id).fields}
    assert hints["uses"] == "May feed these training stages only: fine-tuning, evaluation, testing."
    assert (
        zh(
            hints["uses"],
            {
                "May feed these training stages only: {stages}.": "仅可用于以下训练阶段：{stages}。",
                "fine-tuning": "微调",
            },
        )
        == "仅可用于以下训练阶段：微调, evaluation, testing。"
    )


def test_audit_chain_reason_and_overview_steps(store):
    store.create_user(ADMIN, "admin", "admin-pass-phrase1", "admin")
    store.create_user(ADMIN, "steward", "steward-pass-phrase", "steward")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1"))
    report = verify_chain(store.engine)
    assert report.reason == "event 1 was changed after it was written" and report.reason.args == {"seq": 1}
    assert report.to_dict()["reason"] == "event 1 was changed after it was written"
    assert json.loads(json.dumps(report.to_dict()))["reason"] == "event 1 was changed after it was written"
    assert workspace_overview(store, STEWARD).next_step == NEXT_STEPS["steward"][1]


def test_messages_survive_the_database_form():
    problem = Msg(
        "Four-eyes rule: {user} {done}, so may not sign dataset:{dataset_id} off. "
        "Ask an officer who took no part in making or reviewing it.",
        user="x",
        done=joined([Msg("generated dataset:{dataset_id}", dataset_id=2)], Msg(" and ")),
        dataset_id=2,
    )
    assert from_data(json.loads(json.dumps(to_data(problem)))) == problem
