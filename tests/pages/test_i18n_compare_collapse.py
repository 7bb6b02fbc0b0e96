"""Compare, Collapse Lab and Settings in Chinese: gates, explanations, charts and tables from the core.

These read the real Chinese catalog (``locales/zh``), so they pass once its entries for the
evaluation, the charts and the Collapse Lab are in.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from reviews import queries
from reviews.errors import ReviewsError
from reviews.jobs.worker import run_one
from reviews.services.evaluation import start_evaluation
from reviews.store import NewDataset
from reviews.workspace.gate_settings import gate_table, save_gate_table
from reviews.workspace.permissions import Actor
from synth.demo import load_demo
from synth.i18n import message_of, render
from tests.pages.conftest import ROLES, open_tab
from tests.support.chinese import app_in_chinese, chart_texts
from ui.i18n import catalog


def chinese(username: str, page: str) -> AppTest:
    return app_in_chinese(Actor(username, ROLES[username]), page)


def all_chart_texts(at: AppTest) -> list[str]:
    return [t for element in at.get("plotly_chart") for t in chart_texts(json.loads(element.proto.spec))]


def frame_with(at: AppTest, header: str):
    return next(f.value for f in at.dataframe if header in f.value.columns)


def keyed_block(node, key: str):
    """The container drawn with ``st.container(key=key)`` (the page styles it as ``.st-key-<key>``)."""
    if str(getattr(getattr(node, "proto", None), "id", "")).endswith(f"-{key}"):
        return node
    for child in getattr(node, "children", {}).values():
        found = keyed_block(child, key)
        if found is not None:
            return found
    return None


def test_compare_shows_gates_and_charts_in_chinese(workspace, synthetic_dataset):
    start_evaluation(workspace, Actor("steward", "steward"), synthetic_dataset)
    assert run_one(workspace) is not None
    at = chinese("steward", "pages/compare.py")
    # the gates are a Markdown table (evidence wraps and links); read it without its escapes
    table = next(m.value for m in at.markdown if "| 门槛 |" in m.value)
    evidence = re.sub(r"\\(.)", r"\1", table)
    assert "| 总体保真度 |" in evidence
    assert (
        "列形状与列对趋势的平均值：" in evidence
        and "未测量（缺少 privacy.dcr.difference.ci95.1）" in evidence
    )
    assert "mean of column shapes" not in evidence
    # "通过" must not break between its characters: the status column is kept on one line.
    gates = keyed_block(at.main, "compare_gates")
    assert table in [e.value for e in gates.children.values() if e.type == "markdown"]
    style = " ".join(h.proto.body for h in at.get("html"))  # a page-wide <style>, wherever it is drawn
    assert table.split("\n")[0].startswith("| 状态 |")  # the status is the first column
    rules = dict(re.findall(r"([^{}>]+)\{([^}]*)\}", style))  # selectors -> declarations
    assert any(
        ".st-key-compare_gates td:first-child" in selectors.split(",") and "white-space:nowrap" in rule
        for selectors, rule in rules.items()
    )
    texts = all_chart_texts(open_tab(at, "compare_tab", 1))  # the columns' charts
    assert "真实" in texts and "合成" in texts
    assert "real" not in texts and "synthetic" not in texts
    # Nothing is missing in either table: a sentence says so instead of an empty chart.
    assert any("都没有任何列存在缺失值" in s.value for s in at.success)


def test_collapse_lab_explains_and_draws_in_chinese(workspace):
    at = chinese("steward", "pages/collapse.py")
    assert at.info[0].value.startswith("每当模型从上一代模型生成的合成数据中学习时")
    texts = all_chart_texts(at)
    assert "均值漂移了多远（替换，M = 100）" in texts and "模拟中位数" in texts
    summary = frame_with(at, "方差中位数（模拟）")
    assert "Wasserstein-2（理论）" in summary.columns and summary.index.name == "代数"
    arms = frame_with(at, "平均奖励")
    assert arms.index.name == "做法" and list(arms.index) == ["替换", "累积", "筛选"]


def test_collapse_table_mode_in_chinese(workspace, monkeypatch):
    # AppTest formats a chosen option (format_func) outside the page's session: make that Chinese too.
    monkeypatch.setattr("ui.i18n.current_language", lambda: "zh")
    workspace.add_dataset(Actor("steward", "steward"), NewDataset("arrests", load_demo().head(300)))
    at = chinese("steward", "pages/collapse.py")
    at.radio(key="collapse_model").set_value("table").run()
    at.selectbox(key="collapse_generator").set_value("bootstrap")
    at.number_input(key="collapse_table_g").set_value(3)
    next(b for b in at.button if b.label == "在后台运行").click().run()
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception
    texts = all_chart_texts(at)
    assert "保留的类别（bootstrap，替换，M = 50）" in texts and "各列的模拟平均值" in texts
    summary = frame_with(at, "列形状得分")
    assert any(str(c).endswith("：保留数（共 2 个）") for c in summary.columns)


def test_settings_gate_table_reads_and_saves_in_chinese(workspace):
    at = chinese("admin", "pages/settings.py")
    editor = frame_with(at, "阈值")
    assert list(editor.columns) == ["用途", "门槛", "方向", "阈值", "警告界限", "说明"]
    assert {"隐私保护", "偏差校正", "数据增强"} == set(editor["用途"])
    assert "总体保真度" in set(editor["门槛"]) and "不低于" in set(editor["方向"])
    next(b for b in at.button if b.label == "保存门槛").click().run()
    assert not at.exception and not at.error
    saved = queries.get_setting(workspace, "gates")
    assert saved["privacy"]["fidelity_overall"] == {"threshold": 0.8, "warn": 0.7}


def test_a_refused_gate_table_says_why_in_chinese(workspace):
    table = gate_table(workspace)
    row = (table["purpose"] == "privacy") & (table["gate"] == "fidelity_overall")
    table.loc[row, "warn"] = 0.95
    with pytest.raises(ReviewsError) as caught:
        save_gate_table(workspace, Actor("admin", "admin"), table)
    assert str(caught.value).startswith("The gates were not saved: privacy/overall fidelity: the warn limit")
    zh = catalog("zh")
    assert render(message_of(caught.value), lambda s: zh.get(s, s)) == (
        "门槛未保存：隐私保护/总体保真度：警告界限必须超出阈值（不高于 0.8）。"
    )
