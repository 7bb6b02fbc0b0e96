"""Charts, gates, the Collapse Lab and evaluation messages: English by default, translatable when shown.

Every chart builder puts its words through ``translate``; a marking translation (``«...»``) shows
that no title, axis, legend entry, trace name or annotation was left out. Messages keep their
English text (CLI, records) and render in another language from their template.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from synth.charts import compare, profile, review
from synth.errors import InputError
from synth.i18n import Msg, render
from synth.lineage.collapse import charts as collapse_charts
from synth.lineage.collapse.gaussian import count_problems, simulate_gaussian, validate_gaussian_args
from synth.lineage.collapse.lab import run_gaussian_lab
from synth.lineage.collapse.table import bootstrap_fit_sample, simulate_table
from synth.lineage.collapse.theory import gaussian_theory
from synth.metrics.evaluate import evaluate
from synth.metrics.report_html import render_html
from synth.purposes.gates import GATE_LABELS, evaluate_gates, gate_explanation, gate_label
from tests.support.chinese import chart_texts

ZH = {
    "{explanation}: {value:.4g} (needs {sign} {threshold:g}; warn {sign} "
    "{warn:g})": "{explanation}：{value:.4g}（要求 {sign} {threshold:g}；警告界限 {sign} {warn:g}）",
    "not measured ({path} is missing); {explanation}": "未测量（缺少 {path}）；{explanation}",
    "mean of column shapes and column pair trends": "列形状与列对趋势的平均值",
    "lower 95% bound of the WP29 singling-out risk against the holdout "
    "control": "相对留出集对照的 WP29 单独识别风险的 95% 下界",
    "overall fidelity": "总体保真度",
    "{label} is {value}; use at least {minimum} (a variance needs 2 "
    "points)": "{label}为 {value}；请至少使用 {minimum}（计算方差至少需要 2 个点）",
    "samples": "样本数",
    "the {table} table lacks column(s) {columns}; give it the same columns as the real "
    "table": "{table}数据表缺少列 {columns}；请使其与真实数据表具有相同的列",
    "synthetic": "合成",
    "; the simulation gives {rounds} rounds": "；模拟结果为 {rounds} 轮",
    "How far the mean drifts ({mode}, M = {samples})": "均值漂移了多远（{mode}，M = {samples}）",
    "replace": "替换",
}


def zh(text: str) -> str:
    return ZH.get(text, text)


def marked(text: str) -> str:
    return f"«{text}»"


def figure_texts(figure) -> list[str]:
    return chart_texts(json.loads(figure.to_json()))


def untranslated(figure, data: set[str] = frozenset()) -> list[str]:
    """Texts that did not pass through ``marked``, other than data values and acronyms."""
    return [
        t
        for t in figure_texts(figure)
        if not (t.startswith("«") and t.endswith("»")) and t not in data | {"ECDF"}
    ]


@pytest.fixture(scope="module")
def tables():
    rng = np.random.default_rng(0)
    real = pd.DataFrame(
        {
            "age": rng.normal(40, 10, 200),
            "income": rng.normal(50, 5, 200),
            "colour": rng.choice(["a", "b", "c"], 200),
        }
    )
    synthetic = pd.DataFrame(
        {
            "age": rng.normal(41, 10, 150),
            "income": rng.normal(49, 5, 150),
            "colour": rng.choice(["a", "b"], 150),
        }
    )
    return real, synthetic


@pytest.fixture(scope="module")
def gaussian():
    return simulate_gaussian(samples=20, generations=5, runs=30, seed=1), gaussian_theory(20, 5)


@pytest.fixture(scope="module")
def table_collapse(tables):
    real = tables[0]
    return simulate_table(
        real, samples=20, generations=3, runs=1, fit_sample=bootstrap_fit_sample, generator="bootstrap"
    )


def test_compare_charts_put_every_word_through_translate(tables):
    real, synthetic = tables
    histogram = {"edges": [0.0, 0.5, 1.0], "synthetic_to_train": [3, 1], "holdout_to_train": [2, 2]}
    figures = [
        compare.numeric_overlay(real["age"], synthetic["age"], translate=marked),
        compare.categorical_bars(real["colour"], synthetic["colour"], translate=marked),
        compare.missingness_compare(real, synthetic, translate=marked),
        compare.correlation_heatmaps(real, synthetic, ["age", "income"], translate=marked),
        compare.pair_plot(real, synthetic, ["age", "income"], translate=marked),
        compare.dcr_histogram(histogram, translate=marked),
        compare.column_scores_chart({"age": {"score": 0.9}, "colour": {"score": 0.5}}, translate=marked),
    ]
    for figure in figures:
        assert untranslated(figure) == []
    assert [t.name for t in figures[0].data[:2]] == ["«real»", "«real»"]
    assert (
        compare.overlay_summary(real["colour"], synthetic["colour"], False, translate=marked).count("«") == 3
    )


def test_compare_charts_stay_english_by_default(tables):
    real, synthetic = tables
    overlay = compare.numeric_overlay(real["age"], synthetic["age"])
    assert overlay.layout.title.text == "age: real vs synthetic"
    assert {t.name for t in overlay.data} == {"real", "synthetic"}
    assert [a.text for a in overlay.layout.annotations] == ["histogram", "ECDF"]
    assert compare.categorical_bars(real["colour"], synthetic["colour"]).layout.yaxis.title.text == "share"
    summary = compare.overlay_summary(real["age"], synthetic["age"], True)
    assert summary.startswith("age: real median ") and "synthetic median" in summary


def test_profile_and_review_charts_put_every_word_through_translate(tables):
    real = tables[0]
    columns = {"columns": [{"name": "age", "missing_share": 0.1}, {"name": "colour", "missing_share": 0.3}]}
    weights = pd.DataFrame({"feature": ["age", "colour"], "weight": [0.5, -0.2]})
    assert untranslated(profile.missingness_chart(columns, translate=marked)) == []
    assert (
        untranslated(profile.distribution_chart(real["colour"], "categorical", translate=marked), {"colour"})
        == []
    )
    assert untranslated(review.weights_chart(weights, translate=marked)) == []
    assert untranslated(review.scores_chart(np.linspace(0, 1, 20), 0.4, translate=marked)) == []
    assert profile.distribution_summary(real["age"], "numerical", translate=marked).startswith(
        "«age: 200 values"
    )
    assert review.scores_chart(np.linspace(0, 1, 20), 0.4).layout.xaxis.title.text == "score"


def test_collapse_charts_put_every_word_through_translate(gaussian, table_collapse):
    sim, theory = gaussian
    for figure in collapse_charts.gaussian_figures(sim, theory, translate=marked).values():
        assert untranslated(figure) == []
    sims = {
        "replace": sim,
        "accumulate": simulate_gaussian(samples=20, generations=5, runs=30, mode="accumulate"),
    }
    assert untranslated(collapse_charts.mode_comparison_figure(sims, translate=marked)) == []
    assert untranslated(collapse_charts.categories_figure(table_collapse, translate=marked)) == []
    assert untranslated(collapse_charts.column_shape_figure(table_collapse, translate=marked)) == []


def test_a_dynamic_collapse_title_translates_its_template_and_its_mode(gaussian, table_collapse):
    sim, theory = gaussian
    assert (
        collapse_charts.drift_figure(sim, theory).layout.title.text
        == "How far the mean drifts (replace, M = 20)"
    )
    assert (
        collapse_charts.drift_figure(sim, theory, translate=zh).layout.title.text
        == "均值漂移了多远（替换，M = 20）"
    )
    title = collapse_charts.categories_figure(table_collapse).layout.title.text
    assert title == "Categories kept (bootstrap, replace, M = 20)"


def test_collapse_tables_keep_english_headers_that_translate(table_collapse):
    frame = collapse_charts.table_summary(table_collapse)
    assert list(frame.columns) == ["colour: kept (of 3)", "column-shape score"]
    header = frame.columns[0]
    assert (
        isinstance(header, Msg)
        and header.render(lambda s: {"{column}: kept (of {n})": "{column}：保留数（共 {n} 个）"}.get(s, s))
        == "colour：保留数（共 3 个）"
    )
    assert frame.index.name == "generation"


def test_the_round_limit_explanation_is_english_and_translatable():
    lab = run_gaussian_lab(samples=20, generations=5, runs=50, seed=0)
    assert isinstance(lab.explanation, Msg)
    assert lab.explanation.startswith("Each time a model learns") and "the simulation" in lab.explanation
    assert json.loads(json.dumps(lab.to_dict()))["recommendation"]["explanation"] == str(lab.explanation)
    short = {lab.explanation.msgid: "每轮 {samples} 行，约 {theory} 轮保持 {kept:.0%}{empirical}。"}
    rounds = lab.limit.empirical_rounds
    expected = f"每轮 20 行，约 {lab.limit.theory_rounds} 轮保持 90%；模拟结果为 {rounds} 轮。"
    assert lab.explanation.render(lambda s: short.get(s) or zh(s)) == expected
    assert untranslated(lab.figures(translate=marked)["tails"]) == []


def test_collapse_argument_problems_read_as_before_and_translate():
    problems = count_problems(samples=(1, 2), generations=(1.5, 1), runs=(0, 1))
    assert problems == [
        "samples is 1; use at least 2 (a variance needs 2 points)",
        "generations is 1.5; give a whole number of at least 1",
        "runs is 0; use at least 1",
    ]
    assert render(problems[0], zh) == "样本数为 1；请至少使用 2（计算方差至少需要 2 个点）"
    with pytest.raises(InputError) as caught:
        validate_gaussian_args(10, 10, 10, "sideways")
    assert str(caught.value) == "mode 'sideways' is unknown; use one of replace, accumulate"
    assert caught.value.problems[0].msgid == "mode {mode} is unknown; use one of {modes}"


def test_table_collapse_progress_is_a_message():
    seen = []
    real = pd.DataFrame({"x": np.arange(30.0), "c": list("ab") * 15})
    simulate_table(
        real,
        samples=10,
        generations=2,
        runs=1,
        fit_sample=bootstrap_fit_sample,
        progress=lambda fraction, message: seen.append(message),
    )
    assert seen[-1] == "run 1 of 1, generation 2 of 2"
    assert seen[-1].msgid == "run {run} of {runs}, generation {generation} of {generations}"


GATE_RESULT = {
    "privacy": {"exact_match_rate": 0.0, "dcr": {"ci95": [0.5, 0.58]}, "risks": None},
    "fidelity": {"overall": 0.65},
}


def test_gate_explanations_stay_english_and_survive_storage():
    gates = {g["name"]: g for g in evaluate_gates(GATE_RESULT, "privacy")}
    fidelity, singling = gates["fidelity_overall"], gates["singling_out_risk"]
    assert (
        fidelity["explanation"]
        == "mean of column shapes and column pair trends: 0.65 (needs >= 0.8; warn >= 0.7)"
    )
    assert singling["explanation"] == (
        "not measured (privacy.risks.singling_out.ci95.0 is missing); "
        "lower 95% bound of the WP29 singling-out risk against the holdout control"
    )
    stored = json.loads(json.dumps(list(gates.values())))
    by_name = {g["name"]: g for g in stored}
    for name, gate in by_name.items():
        assert gate_explanation(gate) == gates[name]["explanation"]
    assert (
        render(gate_explanation(by_name["fidelity_overall"]), zh)
        == "列形状与列对趋势的平均值：0.65（要求 >= 0.8；警告界限 >= 0.7）"
    )
    assert render(gate_explanation(by_name["singling_out_risk"]), zh) == (
        "未测量（缺少 privacy.risks.singling_out.ci95.0）；相对留出集对照的 WP29 单独识别风险的 95% 下界"
    )


def test_gate_explanations_stored_before_their_message_form_are_rebuilt():
    old = [
        {k: v for k, v in g.items() if k != "explanation_data"}
        for g in json.loads(json.dumps(evaluate_gates(GATE_RESULT, "privacy")))
    ]
    fidelity = next(g for g in old if g["name"] == "fidelity_overall")
    assert render(gate_explanation(fidelity), zh).startswith("列形状与列对趋势的平均值：0.65")
    odd = {"name": "custom", "value": 1, "threshold": 1, "explanation": "written by hand"}
    assert gate_explanation(odd) == "written by hand"


def test_every_default_gate_has_a_label():
    from synth.purposes.gates import DEFAULT_GATES

    assert {name for table in DEFAULT_GATES.values() for name in table} <= set(GATE_LABELS)
    assert gate_label("fidelity_overall") == "overall fidelity" and gate_label("my_gate") == "my_gate"


def test_evaluation_problems_and_progress_keep_english_and_their_templates():
    real = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": ["x", "y", "x"]})
    with pytest.raises(InputError) as caught:
        evaluate(real, real[["a"]], column_types={"a": "numerical", "b": "categorical"})
    (problem,) = caught.value.problems
    assert problem == "the synthetic table lacks column(s) 'b'; give it the same columns as the real table"
    assert render(problem, zh) == "合成数据表缺少列 'b'；请使其与真实数据表具有相同的列"
    messages = []
    evaluate(
        real,
        real,
        column_types={"a": "numerical", "b": "categorical"},
        with_utility=False,
        progress=lambda fraction, message: messages.append(message),
    )
    assert messages[0] == "checking the tables" and messages[-1] == "done"


def test_the_report_translates_gates_and_risks_and_stays_english_by_default():
    result = {
        "purpose": "privacy",
        "rows": {"real": 3},
        "fidelity": {
            "overall": 0.65,
            "column_shapes_score": 0.6,
            "column_pair_trends_score": 0.7,
            "column_shapes": {},
            "column_pair_trends": [],
        },
        "privacy": {
            "exact_match_rate": 0.0,
            "dcr": None,
            "risks": {"singling_out": {"value": 0.01, "ci95": [0.0, 0.03], "n_attacks": 100}},
        },
        "gates": json.loads(json.dumps(evaluate_gates(GATE_RESULT, "privacy"))),
    }
    english = render_html(result, title="T")
    assert "overall fidelity" in english and "needs &gt;= 0.8" in english and "singling out risk" in english
    chinese = render_html(result, title="T", translate=zh)
    assert "总体保真度" in chinese and "列形状与列对趋势的平均值：0.65" in chinese
    # Every word a chart draws passes through translate (data values and figures aside).
    page = render_html(result, title="T", translate=marked)
    drawn = re.findall(r"<text[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>", page)
    words = [t for t in drawn if re.search(r"[A-Za-z]{3,}", t)]
    assert words and all(t.startswith("«") and t.endswith("»") for t in words), words
