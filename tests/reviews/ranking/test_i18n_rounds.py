"""Text of review rounds stays English for the CLI and records, and translates when shown.

The Chinese assertions read the real catalog (``locales/zh``), so they need the round's
strings merged into it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from reviews.acceptance.sampling import draw_sample
from reviews.errors import Conflict, NotFound, ReviewsError
from reviews.queries.rounds import get_round
from reviews.ranking import rounds
from reviews.ranking.agreement import NOT_MEASURABLE, agreement_report
from reviews.ranking.features import UNSEEN_COMBINATION, feature_label
from reviews.ranking.preference import validate_pairs
from reviews.ranking.row_context import OUT_OF_RANGE, RowReport, ValueContext
from reviews.ranking.task_display import context_table, row_label
from reviews.ranking.tasks import Answer, build_batch
from synth.errors import InputError
from synth.i18n import Msg, from_data, joined, message_of, render, to_data
from tests.reviews.conftest import R1, STEWARD
from ui.i18n import catalog


def zh(value) -> str:
    return render(value, lambda s: catalog("zh").get(s, s))


def test_joined_problems_read_as_before_and_translate_part_by_part():
    message = joined(
        [Msg("batch size must be at least 1 (got {n})", n=0), "blind items cannot be negative (got -1)"],
        "; ",
        words=True,
    )
    assert message == "batch size must be at least 1 (got 0); blind items cannot be negative (got -1)"
    assert joined(["a"], words=True) == "a" and joined([]) == ""
    assert from_data(to_data(message)) == message  # survives a database round trip


def test_round_settings_errors_keep_english_and_translate(store, synthetic_id):
    with pytest.raises(ReviewsError) as caught:
        rounds.RoundConfig(mode="listwise", k=7, overlap=0).check()
    english = str(caught.value)
    assert english == (
        "Cannot open the round: a listwise task shows 3 to 5 rows; set k between 3 and 5; "
        "each task needs at least one reviewer; set overlap to 1 or more."
    )
    chinese = zh(message_of(caught.value))
    assert (
        chinese.startswith("无法开启轮次：")
        and "列表式任务显示 3 至 5 行" in chinese
        and "至少需要一名审阅员" in chinese
    )

    with pytest.raises(ReviewsError) as caught:
        rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(overlap=3))
    message = message_of(caught.value)
    assert message.msgid.startswith("Each task must go to {overlap} reviewers")
    assert message.args == {"overlap": 3, "active": 2}
    assert "only 2 reviewer account(s) are active" in str(caught.value)
    assert zh(message).startswith("每项任务需分配给 3 名审阅员，但只有 2 个审阅员账户")


def test_build_batch_lists_every_problem_in_both_languages():
    with pytest.raises(ReviewsError) as caught:
        build_batch(np.zeros(10), None, batch_id="b1", mode="listwise", k=9, overlap=0)
    assert str(caught.value) == (
        "a listwise task shows 3 to 5 rows (got k=9); overlap must be at least 1 reviewer per task (got 0)"
    )
    assert (
        zh(message_of(caught.value))
        == "列表式任务显示 3 至 5 行（实际 k=9）; 重叠数至少为每项任务 1 名审阅员（实际为 0）"
    )


def test_store_and_lookup_errors_translate(store, synthetic_id):
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=3, overlap=2))
    view = rounds.next_task(store, R1, round_id)
    store.close_round(STEWARD, round_id)
    with pytest.raises(Conflict) as caught:
        store.submit_response(R1, view.task_id, {"ranking": view.rows}, 10)
    assert str(caught.value) == "This review round is closed; answers are no longer taken."
    assert zh(message_of(caught.value)) == "本审阅轮次已关闭；不再接受回答。"
    with pytest.raises(NotFound) as caught:
        get_round(store, 999)
    assert str(caught.value) == "No review round 999."
    assert zh(message_of(caught.value)) == "未找到审阅轮次 999。"


def test_other_core_errors_translate():
    with pytest.raises(InputError) as caught:
        validate_pairs(np.array([[0, 9], [1, 1]]), 5)
    assert "1 comparison(s) name a row outside 0..4 (first at comparison 0)" in str(caught.value)
    assert "1 个比较将某行与其自身比较" in zh(message_of(caught.value))
    with pytest.raises(ReviewsError) as caught:
        draw_sample(np.array([], dtype=int))
    assert zh(message_of(caught.value)) == "没有行被接受，因此无可检查的内容；请先降低阈值。"


def test_agreement_warning_keeps_its_numbers():
    answers = [
        Answer("t1", "a", (1, 2)),
        Answer("t1", "b", (2, 1)),
        Answer("t2", "a", (3, 4)),
        Answer("t2", "b", (4, 3)),
        Answer("t3", "a", (5, 6)),
        Answer("t3", "b", (5, 6)),
    ]
    report = agreement_report(answers)
    assert report.low_agreement and isinstance(report.warning, Msg)
    assert report.warning.startswith(
        f"Reviewers agree poorly (Krippendorff's alpha {report.alpha:.2f} < 0.667)"
    )
    assert report.warning.args["threshold"] == 0.667 and math.isclose(
        report.warning.args["alpha"], report.alpha
    )
    assert zh(report.warning).startswith(
        f"审阅员之间一致性较低（Krippendorff alpha 系数 {report.alpha:.2f} < 0.667）"
    )
    assert agreement_report([]).warning == NOT_MEASURABLE
    assert list(report.reviewers.columns) == ["reviewer", "n_tasks", "agreement"]


def test_context_table_cells_are_messages():
    report = RowReport(
        [
            ValueContext("age", 130, 99.6, None, (OUT_OF_RANGE,)),
            ValueContext("colour", "mauve", None, 0.0, ("unseen value", "rare")),
            ValueContext("note", None, None, None),
        ]
    )
    table = context_table(report)
    assert list(table.columns) == ["column", "value", "in the real data", "badges"]
    assert table["in the real data"].tolist() == ["100th percentile", "0.0% of real rows", ""]
    assert table["badges"].tolist() == ["out of range", "unseen value, rare", ""]
    assert [zh(v) for v in table["in the real data"]] == ["第 100 百分位", "占真实行的 0.0%", ""]
    assert [zh(v) for v in table["badges"]] == ["超出范围", "未见过的值, 罕见", ""]
    assert row_label(1) == "Row B" and zh(row_label(1)) == "行 B"


@pytest.mark.parametrize(
    ("name", "english", "chinese"),
    [
        ("age outside real range", "age outside real range", "age 超出真实范围"),
        ("income missing", "income missing", "income 缺失"),
        ("race rare or unseen value", "race rare or unseen value", "race 罕见或未见过的值"),
        ("race_infrequent_sklearn", "race: infrequent values", "race：低频值"),
        (UNSEEN_COMBINATION, "unseen combination", "未见过的组合"),
        ("age", "age", "age"),
        ("sex_Male", "sex_Male", "sex_Male"),
        ("purpose", "purpose", "purpose"),  # a column that happens to be a catalog word is still data
    ],
)
def test_feature_names_are_shown_translated(name, english, chinese):
    label = feature_label(name)
    assert label == english and zh(label) == chinese


def test_round_report_tables_name_their_columns(store, synthetic_id):
    from reviews.ranking.report import round_report

    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=3, overlap=2))
    report = round_report(store, STEWARD, round_id)
    assert list(report.progress.columns) == ["reviewer", "answered", "assigned"]
    assert list(report.flags.columns) == ["row", "reviewer", "reason", "note"]
    assert list(report.weights.columns) == ["feature", "weight"]
    shown = [zh(c) for c in report.progress.columns]
    assert shown == ["审阅员", "已回答", "已分配"]
    assert isinstance(report.flags, pd.DataFrame)
