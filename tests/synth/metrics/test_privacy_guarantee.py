"""The DP guarantee recorded in a dataset's lineage reaches the evaluation and its HTML report."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from synth.metrics.evaluate import evaluate
from synth.metrics.report_html import render_html

GUARANTEE = {
    "epsilon": 1.0,
    "delta": 1e-6,
    "unit_of_privacy": "one row",
    "mechanism": "MST",
    "library": "smartnoise-synth",
    "library_version": "1.0.8",
    "preprocessing": {"epsilon": 0.3},
}


def _tables():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"age": rng.integers(18, 90, 600), "colour": rng.choice(["a", "b", "c"], 600)})
    return frame.iloc[:300], frame.iloc[300:450].reset_index(drop=True), frame.iloc[450:]


def test_the_guarantee_is_carried_into_the_result_and_the_report():
    train, synthetic, holdout = _tables()
    result = evaluate(train, synthetic, holdout, purpose="privacy", with_utility=False, guarantee=GUARANTEE)
    assert result["privacy"]["guarantee"] == GUARANTEE
    page = render_html(result)
    assert "(1, 1e-06)-differential privacy per one row (MST, smartnoise-synth 1.0.8)" in page
    assert "No formal guarantee" not in page


def test_without_a_guarantee_the_report_says_there_is_none():
    train, synthetic, holdout = _tables()
    result = evaluate(train, synthetic, holdout, purpose="privacy", with_utility=False)
    assert result["privacy"]["guarantee"] is None
    assert "No formal guarantee: the generator is not differentially private." in render_html(result)


def test_the_reports_evidence_cells_wrap_in_full():
    train, synthetic, holdout = _tables()
    page = render_html(evaluate(train, synthetic, holdout, purpose="privacy", with_utility=False))
    # wrapped, never cut off: some rule for plain cells asks for both
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", page)
    cell_rules = [body.replace("\n", "") for selectors, body in rules if "td" in selectors.split(",")]
    assert any("white-space:normal" in body and "overflow-wrap:anywhere" in body for body in cell_rules)
