"""Review, Review rounds and Inspect pages in Chinese: text from the review core is translated too.

These read the real catalog (``locales/zh``), so they need the rounds' strings merged into it.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from reviews.ranking import rounds
from reviews.store import Flag
from reviews.workspace.permissions import Actor
from tests.pages.conftest import ROLES, page_text
from tests.support.chinese import app_in_chinese

STEWARD = Actor("steward", "steward")


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    # AppTest calls a widget's format_func (``_``) from the test thread too, where there is no
    # session to read the language from; fix the language for both.
    monkeypatch.setattr("ui.i18n.current_language", lambda: "zh")


def chinese_app(username: str, page: str) -> AppTest:
    return app_in_chinese(Actor(username, ROLES[username]), page, timeout=120)


def _answer_against_each_other(store, round_id: int) -> None:
    """reviewer keeps the shown order, reviewer2 reverses it: agreement is poor."""
    for name, flip in (("reviewer", False), ("reviewer2", True)):
        actor = Actor(name, "reviewer")
        first = True
        while (view := rounds.next_task(store, actor, round_id)) is not None:
            flags = [Flag(view.rows[0], "impossible_value")] if first and not flip else []
            rounds.submit(
                store,
                actor,
                round_id,
                view.task_id,
                ranking=view.rows[::-1] if flip else view.rows,
                flags=flags,
            )
            first = False


def test_the_rounds_page_shows_the_report_in_chinese(workspace, synthetic_dataset):
    round_id = rounds.open_round(
        workspace, STEWARD, synthetic_dataset, rounds.RoundConfig(batch_size=3, overlap=2)
    )
    _answer_against_each_other(workspace, round_id)
    at = chinese_app("steward", "pages/rounds.py")
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("审阅员之间一致性较低（Krippendorff alpha 系数") for w in warnings), warnings
    headers = [list(map(str, d.value.columns)) for d in at.dataframe]
    assert ["审阅员", "已回答", "已分配"] in headers
    assert [
        "审阅员",
        "一致性",
        "可靠度",
        "金标准回答数",
        "金标准准确率",
        "金标准置信区间",
        "不可靠",
    ] in headers
    assert ["行", "审阅员", "原因", "备注"] in headers
    flags = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert flags["原因"].tolist() == ["不可能的值"]
    # The model's feature names ("age outside real range"...) are shown translated on the chart.
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    features = next(s["data"][0]["y"] for s in specs if s["data"][0]["type"] == "bar")
    assert features and not [
        f
        for f in features
        if f.endswith(
            (" extremeness", " outside real range", " missing", " rare or unseen value", "unseen combination")
        )
    ]
    assert "outside real range" not in page_text(at) and "extremeness" not in page_text(at)


def test_an_error_from_the_core_is_shown_in_chinese(workspace, synthetic_dataset):
    at = chinese_app("steward", "pages/rounds.py")
    at.number_input(key="rounds_new_overlap").set_value(5)
    next(b for b in at.button if b.label == "开启轮次").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == [
        "每项任务需分配给 5 名审阅员，但只有 2 个审阅员账户处于启用状态；请添加审阅员或降低重叠数。"
    ]


def test_the_review_page_shows_row_context_in_chinese(workspace, synthetic_dataset):
    rounds.open_round(workspace, STEWARD, synthetic_dataset, rounds.RoundConfig(batch_size=3, overlap=2))
    at = chinese_app("reviewer", "pages/review.py")
    table = " ".join(h.proto.body for h in at.get("html"))
    assert "<th>行 A</th>" in table and ">列</th>" in table
    assert "百分位" in table and "percentile" not in table and "of real rows" not in table
    # Answering by the translated buttons still records the ranking.
    at.button(key="review_row_1").click().run()
    at.button(key="review_submit").click().run()
    assert "回答已保存" in at.get("progress")[0].proto.text
    assert not at.exception and not at.error
