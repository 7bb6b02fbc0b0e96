"""Upload, profiling and generation texts: English for the CLI and records, translatable for the pages.

Each message is checked twice: its English text is exactly what the CLI prints, and its template
and values render in another language (a small dictionary stands in for the catalog here).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from synth.errors import InputError, LineageError
from synth.generators.fake_pii import fake_values
from synth.i18n import Msg, from_data, joined, message_of, render, to_data, word
from synth.intake import read_table
from synth.lineage.record import check_depth
from synth.pipeline import run_generations
from synth.profile import profile_table
from synth.purposes import BiasSpec, PrivacySpec
from synth.stages import stage_policy

ZH = {
    "'{name}' ({count} times)": "“{name}”（{count} 次）",
    "column names appear more than once: {columns}; rename them so every column name is "
    "unique": "列名重复出现：{columns}；请重命名，使每个列名都唯一",
    "line {line} has {fields}": "第 {line} 行有 {fields} 个",
    "{n} rows do not have the header's {fields} fields ({lines} and {more} more rows); fix those "
    "lines so every "
    "row has one value per column (quote values that contain the "
    "delimiter)": "有 {n} 行的字段数与表头的 {fields} 个字段不符（{lines}，另有 {more} 行）",
    "the file {extension} holds binary content that is not a table we can read; upload a .csv, "
    ".tsv, .parquet, "
    ".xlsx or .jsonl file": "文件 {extension} 含有二进制内容",
    "(no extension)": "（无扩展名）",
    "values {rules} cannot occur here: {examples}": "此列的值不可能{rules}：{examples}",
    "negative": "为负数",
    "above {limit}": "大于 {limit}",
    " or ": "或",
    "{share:.0%} of the values are missing": "{share:.0%} 的值缺失",
    "{name}: fitted": "{name}：拟合完成",
    "sampling for {purpose}": "正在为{purpose}抽样",
    "privacy": "隐私保护",
    "bias": "偏差校正",
    "done": "完成",
    "choose at least one training stage from {stages}": "请从以下训练阶段中至少选择一个：{stages}",
    "fine-tuning": "微调",
    "evaluation": "评估",
    "testing": "测试",
    "pre-training": "预训练",
    "generating from this data would reach synthetic-on-synthetic depth {depth}, past the limit of "
    "{max_depth} "
    "(max depth {max_depth}); generate from the real source instead, or have an officer override the limit "
    "with a written justification": "深度将达到 {depth}，超过了 {max_depth} 的上限",
}


def zh(text: str) -> str:
    return ZH.get(text, text)


def test_an_upload_with_several_problems_reads_the_same_in_english_and_translates():
    with pytest.raises(InputError) as caught:
        read_table(b"a,a,\n1,2,\n", "bad.csv")
    error = caught.value
    assert str(error).startswith(
        "1 column(s) have no name (position 3); give every column a name in the header row; "
        "column names appear more than once: 'a' (2 times); rename them so every column "
        "name is unique; the file has only one data row;"
    )
    duplicate = error.problems[1]
    assert duplicate.msgid == (
        "column names appear more than once: {columns}; rename them so every column name is unique"
    )
    assert duplicate.render(zh) == "列名重复出现：“a”（2 次）；请重命名，使每个列名都唯一"
    assert "列名重复出现：“a”" in render(message_of(error), zh)  # every problem goes through the translation


def test_ragged_rows_name_their_lines_in_the_reader_s_language():
    with pytest.raises(InputError) as caught:
        read_table(b"a,b,c\n" + b"1,2\n" * 7, "ragged.csv")
    (problem,) = caught.value.problems
    assert problem == (
        "7 rows do not have the header's 3 fields (line 2 has 2; line 3 has 2; line 4 has 2; "
        "line 5 has 2; line 6 has 2 and 2 more rows); fix those lines so every row has one value "
        "per column (quote values that contain the delimiter)"
    )
    assert problem.render(zh) == (
        "有 7 行的字段数与表头的 3 个字段不符（第 2 行有 2 个; 第 3 行有 2 个; 第 4 行有 2 个; "
        "第 5 行有 2 个; 第 6 行有 2 个，另有 2 行）"
    )


def test_an_unreadable_file_explains_itself_with_translated_words():
    with pytest.raises(InputError) as caught:
        read_table(b"\x00\x01\x02" * 50, "blob")
    (problem,) = caught.value.problems
    assert problem.startswith("the file (no extension) holds binary content")
    assert problem.render(zh) == "文件 （无扩展名） 含有二进制内容"
    with pytest.raises(InputError, match=r"^the old Excel format \.xls is not supported"):
        read_table(b"x", "old.xls")


def test_quality_findings_keep_their_message_through_json_storage():
    frame = pd.DataFrame(
        {"age": [-1, 130] + [30 + i for i in range(28)], "income": [None] * 10 + list(range(20))}
    )
    profile = profile_table(frame)
    details = {f["kind"]: f["detail"] for f in profile.quality.findings}
    assert details["impossible_value"] == "values negative or above 120 cannot occur here: -1, 130"
    assert details["impossible_value"].render(zh) == "此列的值不可能为负数或大于 120：-1, 130"
    assert "detail_data" not in json.dumps(profile.to_dict())  # the CLI's --json output is unchanged
    stored = json.loads(json.dumps(profile.to_dict(messages=True)))  # what the database keeps
    missing = next(f for f in stored["quality"]["findings"] if f["kind"] == "high_missingness")
    assert missing["detail"] == "33% of the values are missing"
    assert render(missing["detail_data"], zh) == "33% 的值缺失"


def test_generation_progress_reads_the_same_and_survives_the_job_store():
    frame = pd.DataFrame({"sex": ["M", "F"] * 30, "y": [0, 1, 1] * 20, "x": range(60)})
    seen = []
    run_generations(
        frame,
        generator="rules",
        purposes=[PrivacySpec(), BiasSpec(protected=("sex",))],
        rows=40,
        seed=1,
        parent_sha256="x",
        progress=lambda fraction, message: seen.append(message),
    )
    assert seen == ["rules: fitted", "sampling for privacy", "sampling for bias", "done"]
    stored = [json.loads(json.dumps(to_data(m))) for m in seen]  # as the job keeps its progress message
    assert [render(d, zh) for d in stored] == [
        "rules：拟合完成",
        "正在为隐私保护抽样",
        "正在为偏差校正抽样",
        "完成",
    ]


def test_settings_problems_translate_the_words_they_list():
    with pytest.raises(InputError) as caught:
        stage_policy([])
    (problem,) = caught.value.problems
    assert problem == "choose at least one training stage from fine-tuning, evaluation, testing, pre-training"
    assert (
        render(from_data(json.loads(json.dumps(problem.to_data()))), zh)
        == "请从以下训练阶段中至少选择一个：微调, 评估, 测试, 预训练"
    )


def test_the_depth_limit_refusal_is_english_for_the_cli_and_translatable():
    with pytest.raises(LineageError) as caught:
        check_depth(2, max_depth=1)
    assert "past the limit of 1 (max depth 1)" in str(caught.value)
    assert render(message_of(caught.value), zh) == "深度将达到 2，超过了 1 的上限"


def test_joined_keeps_english_and_translates_only_words():
    listing = joined([word("privacy"), "age", Msg("above {limit}", limit=3)])
    assert listing == "privacy, age, above 3"
    assert listing.render(zh) == "隐私保护, age, 大于 3"
    assert joined([]) == "" and word(None) is None


@pytest.mark.parametrize("kind", ["cn_resident_id", "ip_address"])
def test_every_pii_kind_the_profiler_finds_can_be_faked(kind):
    # The profiler names these kinds differently from the faker's first names for them.
    values = fake_values(kind, 5, seed=1)
    assert len(values) == 5 and all(isinstance(v, str) and v for v in values)
