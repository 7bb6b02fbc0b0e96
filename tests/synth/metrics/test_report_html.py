"""The HTML report: small, self-contained, printable, readable (no raw JSON, people's metric names)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from synth.charts.svg import Series, bar_chart, heatmap, histogram
from synth.demo import load_demo
from synth.metrics.evaluate import evaluate
from synth.metrics.report_html import render_html

MAX_BYTES = 1_500_000


@pytest.fixture(scope="module")
def demo_report() -> str:
    demo = load_demo()
    rng = np.random.default_rng(5)
    train, holdout = demo.iloc[:1000].reset_index(drop=True), demo.iloc[1000:1400].reset_index(drop=True)
    synthetic = demo.sample(1000, random_state=1).reset_index(drop=True)
    synthetic["age"] = synthetic["age"] + rng.integers(-2, 3, len(synthetic))
    result = evaluate(
        train,
        synthetic,
        holdout,
        protected=["colour", "sex"],
        label="released",
        purpose="privacy",
        with_utility=False,
    )
    return render_html(result, title="Evaluation of <arrests>")


def test_the_demo_report_is_small_and_needs_nothing_else(demo_report):
    assert len(demo_report.encode("utf-8")) < MAX_BYTES
    assert "<script" not in demo_report  # charts are inline SVG
    assert not re.search(r"""(src|href)=["']?https?:""", demo_report)  # nothing fetched
    assert "@media print" in demo_report


def test_the_demo_report_reads_for_people(demo_report):
    assert '{"' not in demo_report and "{'" not in demo_report
    assert "Evaluation of &lt;arrests&gt;" in demo_report
    # A library's metric name appears only in small type beside the person's name.
    assert "category shares match" in demo_report
    assert not re.search(r">\s*TVComplement\s*<", demo_report)
    assert "<span class='lib'>ChiSquarePValue</span>" in demo_report
    for heading in ("Gates", "Fidelity", "Privacy", "Fairness"):
        assert f"<h2>{heading}</h2>" in demo_report
    assert not re.search(r"\d\.\d{7,}", demo_report), "no float noise"


def test_bars_are_drawn_to_scale_and_long_labels_keep_their_full_name():
    long = "a column with a very long name indeed"
    svg = bar_chart(
        ["short", long],
        [Series("score", "#0072B2", [0.25, 0.8])],
        title="T",
        caption="C",
    )
    root = ET.fromstring(re.search(r"<svg.*</svg>", svg, re.S).group(0))
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    widths = [float(r.get("width")) for r in bars]
    assert widths[1] / widths[0] == pytest.approx(0.8 / 0.25, rel=1e-2)
    labels = [t for t in root.iter(f"{ns}text") if t.find(f"{ns}title") is not None]
    assert any(t.find(f"{ns}title").text == long and "…" in "".join(t.itertext()) for t in labels)


def test_a_heatmap_shares_one_axis_and_greys_the_diagonal():
    svg = heatmap(["a", "<b>"], [[None, 0.5], [0.5, None]], title="T", caption="C")
    root = ET.fromstring(re.search(r"<svg.*</svg>", svg, re.S).group(0))  # well-formed, <b> escaped
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts.count("<b>") == 2 and texts.count("a") == 2  # the same labels on both axes
    assert texts.count("–") == 2


def test_a_wide_heatmap_is_read_through_its_colour_key():
    """Past 12 columns the cells are too small for their values; the key maps colour to value."""
    labels = [f"c{i}" for i in range(20)]
    matrix = [[None if r == c else 0.5 for c in range(20)] for r in range(20)]
    matrix[0][1] = matrix[1][0] = 0.0
    matrix[2][3] = matrix[3][2] = 1.0
    svg = heatmap(labels, matrix, title="T", caption="C")
    root = ET.fromstring(re.search(r"<svg.*</svg>", svg, re.S).group(0))
    ns = "{http://www.w3.org/2000/svg}"
    texts = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert "0.50" not in texts  # no room for values in the cells
    assert "0" in texts and "1" in texts  # the key's two ends
    rects = list(root.iter(f"{ns}rect"))
    cells = {r.find(f"{ns}title").text: r.get("fill") for r in rects if r.find(f"{ns}title") is not None}
    key = [r.get("fill") for r in rects if r.find(f"{ns}title") is None and r.get("height") == "10"]
    # The key runs from the colour of 0 to the colour of 1, exactly as the cells are coloured.
    assert len(key) == 10
    assert key[0] == cells["c0 × c1: 0"] == "#f7fbff"
    assert key[-1] == cells["c2 × c3: 1"] == "#08519c"


def _axis_ticks(svg: str) -> list[str]:
    root = ET.fromstring(re.search(r"<svg.*</svg>", svg, re.S).group(0))
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    return [t for t in texts if t.replace(",", "").isdigit()]  # the x axis (the y axis reads "25%")


def test_a_histogram_of_whole_numbers_writes_years_without_separators():
    edges = [1990, 1995, 2000, 2005, 2010]  # a column of years, binned by five
    series = [Series("real", "#0072B2", [3, 5, 4, 1])]
    years = histogram(edges, series, title="T", caption="C", x_title="year", whole_numbers=True)
    assert _axis_ticks(years) == ["1990", "1995", "2000", "2005", "2010"]
    amounts = histogram(edges, series, title="T", caption="C", x_title="amount")
    assert _axis_ticks(amounts) == ["1,990", "1,995", "2,000", "2,005", "2,010"]  # decimals keep them
