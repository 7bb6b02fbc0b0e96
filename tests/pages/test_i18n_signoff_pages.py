"""Sign-off, Export, Audit, Users, Home and sign-in in Chinese: text from the core (checklist
titles and evidence, refusals, table headers, errors) is shown translated; what is stored,
signed and downloaded stays English."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from reviews.signoff import signoff_for
from reviews.workspace.permissions import Actor
from tests.pages.conftest import ROOT, app_as, page_text
from tests.support.chinese import app_in_chinese
from tests.support.databases import drop_postgres_database, fresh_store
from tests.support.markdown_tables import page_tables
from tests.support.signoff_flow import PASSWORD, accepted_flow


@pytest.fixture(params=["sqlite", "postgres"])
def flow(request, tmp_path, monkeypatch, fast_passwords):
    monkeypatch.setenv("SYNTHREVIEW_WORKER", "off")
    monkeypatch.delenv("SYNTHREVIEW_DEMO", raising=False)
    store = fresh_store(request.param, tmp_path, monkeypatch)
    yield (
        store,
        accepted_flow(
            store, gates={"privacy": {"fidelity_overall": {"threshold": 0.99, "warn": 0.98}}}, document=False
        ),
    )
    drop_postgres_database(store)


pytestmark = pytest.mark.usefixtures("chinese_widgets")


def in_chinese(username: str, role: str, page: str | None = None) -> AppTest:
    return app_in_chinese(Actor(username, role), page)


def checklist_rows(at: AppTest) -> list[dict]:
    return page_tables(at, "证据")


def test_the_officer_reads_the_checklist_and_blocking_reason_in_chinese(flow):
    store, built = flow
    at = in_chinese("officer", "officer", "pages/signoff.py")
    rows = {row["条目"]: row["证据"] for row in checklist_rows(at)}
    assert "用途决定保真度" in rows and "限定训练阶段" in rows and "隐私门槛" in rows
    assert rows["限定训练阶段"] == "可用于：微调, 评估, 测试；不包括预训练。"
    assert rows["数据表说明（Datasheet）"].startswith("尚待填写：动机, 构成")
    warning = at.warning[0].value
    assert (
        warning.startswith("以下条目阻止批准：用途决定保真度（状态：不通过）") and "Approval" not in warning
    )

    at.radio(key=f"signoff_verdict_{built.accepted_id}").set_value("approve")
    at.text_input(key=f"signoff_password_{built.accepted_id}").input(PASSWORD["officer"])
    next(b for b in at.button if b.label == "签核").click().run()
    assert (
        at.error[0].value.startswith("以下条目阻止批准：") and signoff_for(store, built.accepted_id) is None
    )
    at.radio(key=f"signoff_verdict_{built.accepted_id}").set_value("approve")
    at.text_input(key=f"signoff_password_{built.accepted_id}").input("not-my-password")
    at.text_area(key=f"signoff_override_{built.accepted_id}").input(
        "The model owner accepts fidelity 0.8 for evaluation only."
    )
    next(b for b in at.button if b.label == "签核").click().run()
    assert at.error[0].value.startswith("密码错误：签核需要再次输入您本人的密码。")

    at.radio(key=f"signoff_verdict_{built.accepted_id}").set_value("approve")
    at.text_input(key=f"signoff_password_{built.accepted_id}").input(PASSWORD["officer"])
    at.text_area(key=f"signoff_override_{built.accepted_id}").input(
        "The model owner accepts fidelity 0.8 for evaluation only."
    )
    next(b for b in at.button if b.label == "签核").click().run()
    record = signoff_for(store, built.accepted_id)
    assert record.approved and record.signature_valid()
    # Signed in Chinese, kept in English.
    evidence = [item["evidence"] for item in record.record["checklist"]["items"]]
    assert "May feed fine-tuning, evaluation, testing; pre-training excluded." in evidence
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in record.record_text)


def test_the_steward_reads_why_they_cannot_sign_and_the_suggestions_in_chinese(flow):
    _store, _built = flow
    at = in_chinese("steward", "steward", "pages/signoff.py")
    assert "只有合规官可以签核；您当前以数据管理员身份登录。" in [i.value for i in at.info]
    uses = at.text_area(key=f"signoff_doc_{_built.accepted_id}_uses").value
    assert uses == "仅可用于以下训练阶段：微调, 评估, 测试。"


def test_a_former_maker_reads_the_four_eyes_rule_in_chinese(flow):
    store, built = flow
    store.set_role(Actor("admin", "admin"), "steward", "officer")
    at = in_chinese("steward", "officer", "pages/signoff.py")
    reason = next(i.value for i in at.info if "四眼原则" in i.value)
    assert reason.startswith("四眼原则：steward 生成了") and "，并且" in reason


def test_export_refusal_and_history_in_chinese(flow):
    store, built = flow
    from reviews.signoff import sign

    sign(
        store,
        Actor("officer", "officer"),
        built.accepted_id,
        PASSWORD["officer"],
        "approve",
        override_justification="The model owner accepts fidelity 0.8 for evaluation only.",
    )
    at = in_chinese("steward", "steward", "pages/export.py")
    at.button(key="export_prepare").click().run()
    assert not at.exception
    at.run()
    history = next(f.value for f in at.dataframe)
    assert {"序号", "时间", "操作者", "字节数"} <= set(history.columns)

    with store.engine.begin() as conn:  # someone edits the signed verdict behind the store's back
        conn.execute(text("UPDATE signoffs SET record = replace(record, '\"approve\"', '\"approvE\"')"))
    at = in_chinese("steward", "steward", "pages/export.py")
    assert at.warning[0].value.startswith("签核记录") and "与其签名不符" in at.warning[0].value


def test_audit_and_users_tables_have_chinese_headers(workspace):
    at = in_chinese("reviewer", "reviewer", "pages/audit.py")
    events = at.dataframe[0].value
    assert list(events.columns)[:5] == ["序号", "时间", "操作者", "操作", "对象"]
    assert set(events["操作"]) == {"user.create", "session.start"}  # event names are identifiers
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    at.button(key="audit_verify").click().run()
    assert at.error[0].value == "审计链在事件 3 处断裂：事件 3 在写入后被修改"
    assert at.get("download_button")  # the CSV keeps the English headers (built from the core's frame)

    users = in_chinese("admin", "admin", "pages/users.py").dataframe[0].value
    assert list(users.columns) == ["用户名", "角色", "已启用", "登录方式", "语言", "创建时间"]
    assert "合规官" in set(users["角色"]) and "officer" in set(users["用户名"])


def test_user_management_and_sign_in_errors_in_chinese(workspace):
    at = in_chinese("admin", "admin", "pages/users.py")
    at.text_input(key="users_new_name").input("officer")
    at.selectbox(key="users_new_role").set_value("officer")
    at.text_input(key="users_new_password").input("long-enough-password")
    next(b for b in at.button if b.label == "添加用户").click().run()
    assert at.error[0].value == "名为 'officer' 的用户已存在；请换一个名字。"
    at.text_input(key="users_new_name").input("newbie")
    at.selectbox(key="users_new_role").set_value("reviewer")
    at.text_input(key="users_new_password").input("short")
    next(b for b in at.button if b.label == "添加用户").click().run()
    assert at.error[0].value == "密码太短：请至少使用 12 个字符。"

    login = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login.session_state["language"] = "zh"
    login.run()
    login.text_input(key="login_username").input("steward")
    login.text_input(key="login_password").input("wrong-one")
    login.button[0].click().run()
    assert login.error[0].value == "用户名或密码错误，或账户已锁定或停用。"


def test_home_next_step_in_chinese(workspace):
    at = in_chinese("officer", "officer")
    assert at.info[0].value == "可供签核的数据集将显示在这里。"
    assert "Datasets ready for sign-off will appear here." in page_text(
        app_as("officer")
    )  # and English stays English
