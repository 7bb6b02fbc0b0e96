"""The Data and Generate pages in Chinese: upload errors, profile tables, generation results and jobs.

What the data core says (errors, findings, table headers, progress, lineage labels) reaches the
page in the reader's language; in English the pages read as before.
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from reviews import queries
from reviews.jobs.worker import run_one
from reviews.lineage.graph import lineage_dot
from reviews.queries.jobs import latest_job
from reviews.services.intake import import_demo
from reviews.workspace.permissions import Actor
from synth.i18n import Msg
from tests.pages.conftest import app_as, open_lineage_graphs
from tests.support.chinese import app_in_chinese

STEWARD = Actor("steward", "steward")
# Two exact duplicates, an impossible age and an e-mail column: findings, PII and outliers to show.
PEOPLE = (
    "name,email,age,city\n"
    + "\n".join(
        f"p{i},user{i}@example.org,{20 + i % 50},{['Oslo', 'Lima', 'Pune'][i % 3]}" for i in range(60)
    )
    + "\np0,user0@example.org,20,Oslo\nq1,q1@example.org,-5,Lima\n"
).encode()


def in_chinese(page: str, timeout: float = 180) -> AppTest:
    return app_in_chinese(STEWARD, page, timeout)


def upload(at: AppTest, filename: str, content: bytes, button: str) -> AppTest:
    at.file_uploader(key="data_upload_file").set_value((filename, content, "text/csv"))
    next(b for b in at.button if b.label == button).click().run()
    return at


def table(at: AppTest, first_header: str, *more: str) -> pd.DataFrame:
    """The shown table whose headers start with these."""
    wanted = [first_header, *more]
    return next(f.value for f in at.dataframe if list(f.value.columns)[: len(wanted)] == wanted)


def test_upload_problems_are_listed_in_chinese(workspace):
    at = upload(in_chinese("pages/data.py"), "bad.csv", b"a,a,\n1,2,\n", "导入")
    message = at.error[0].value
    assert message.startswith("该文件无法使用：")
    assert "- 列名重复出现：“a”（2 次）；请重命名，使每个列名都唯一" in message
    assert "- 文件只有一行数据" in message and "- 有 1 列没有名称（位置 3）" in message
    assert "more than once" not in message and "data row" not in message
    assert queries.list_datasets(workspace) == []


def test_the_profile_tables_and_findings_are_in_chinese(workspace):
    at = upload(in_chinese("pages/data.py", timeout=120), "people.csv", PEOPLE, "导入")
    assert not at.exception and not at.error
    columns = table(at, "列", "类型", "缺失")
    assert dict(zip(columns["列"], columns["类型"]))["age"] == "数值"
    assert dict(zip(columns["列"], columns["个人数据"]))["email"] == "电子邮件地址"
    assert "email (电子邮件地址)" in at.warning[0].value
    text = " ".join(m.value for m in at.markdown)
    assert "**重复行**: 有 1 行与之前的某一行完全相同" in text
    assert "此列的值不可能为负数或大于 120：-5" in text
    outliers = table(at, "列", "方法", "标记的行数")
    assert set(outliers["方法"]) <= {"IQR 围栏（Tukey）", "罕见类别（< 1 %）"}
    assert "age" in set(outliers["列"])


def test_in_english_the_profile_reads_as_before(workspace):
    at = app_as("steward", "pages/data.py", timeout=120)
    at = upload(at, "people.csv", PEOPLE, "Import")
    columns = table(at, "Column", "Type", "Missing")
    assert dict(zip(columns["Column"], columns["Type"]))["age"] == "number"
    text = " ".join(m.value for m in at.markdown)
    assert "values negative or above 120 cannot occur here: -5" in text


def test_generation_results_are_in_chinese(workspace, chinese_widgets):
    import_demo(workspace, STEWARD)
    at = in_chinese("pages/generate.py")
    assert set(at.multiselect(key="gen_stages").options) >= {"微调", "评估", "测试"}
    at.multiselect(key="gen_purposes").select("bias").run()
    at.multiselect(key="gen_protected").select("sex")
    at.number_input(key="gen_rows").set_value(500)
    next(b for b in at.button if b.label == "生成").click().run()
    assert not at.exception and not at.error
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception and not at.error
    targets = table(at, "类别", "组", "标签", "目标", "实际达成")
    assert set(targets["类别"]) == {"组占比"}
    coverage = table(at, "列", "方法", "真实离群值数")
    assert "覆盖比例" in coverage.columns
    graphs = [g.proto.spec for g in open_lineage_graphs(at, workspace).get("graphviz_chart")]
    assert all("合成 · 深度 1" in g and "真实 · 深度 0" in g for g in graphs)
    assert any("偏差校正" in g for g in graphs) and not any("depth" in g for g in graphs)


def test_a_running_job_s_progress_is_in_chinese(workspace, chinese_widgets):
    import_demo(workspace, STEWARD)
    at = in_chinese("pages/generate.py")
    next(b for b in at.button if b.label == "生成").click().run()
    job = workspace.claim_job("test-worker", ("generate",))
    workspace.report_progress(
        job["id"], 0.5, Msg("{name}: epoch {done}/{total}", name="ctgan", done=3, total=10)
    )
    at.run()
    assert at.get("progress")[0].proto.text == "ctgan：第 3/10 轮"


def test_a_failed_generation_explains_itself_in_chinese(workspace, chinese_widgets):
    import_demo(workspace, STEWARD)
    at = in_chinese("pages/generate.py")
    at.multiselect(key="gen_stages").set_value([])
    next(b for b in at.button if b.label == "生成").click().run()
    assert run_one(workspace) is not None
    at.run()
    assert latest_job(workspace, "generate", "steward")["status"] == "failed"
    assert at.error[0].value == "任务失败：请从以下训练阶段中至少选择一个：微调, 评估, 测试, 预训练"


def test_the_lineage_graph_is_english_unless_translated(workspace):
    demo = import_demo(workspace, STEWARD)
    assert "real · depth 0" in lineage_dot(workspace, demo)
    words = {"real": "真实", "{kind} · depth {depth}": "{kind} · 深度 {depth}"}
    assert "真实 · 深度 0" in lineage_dot(workspace, demo, translate=lambda s: words.get(s, s))
