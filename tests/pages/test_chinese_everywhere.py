"""In Chinese, no page of the demo workspace shows English sentences.

Every page is rendered, as the role that uses it, on the seeded demo (a generated, evaluated,
partly reviewed, curated and signed-off dataset), so text from the data core is on screen too:
errors, checklist evidence, gate explanations, curation warnings, the audit log's contents,
table headers, chart titles and axes; so is the HTML report downloaded from Compare. Any run of
two or more English words is a leak. Single words (column names, category values, acronyms, a
hyphenated name such as scikit-lego), inline code and the names of statistics pass; the words
the core puts into generated names, gate identifiers and references (``inspection:2``) do not.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from reviews.workspace.permissions import Actor
from tests.pages.conftest import ROLES, open_tab
from tests.support.chinese import app_in_chinese, chart_texts

# Two or more words of Latin letters in a row, e.g. "Data quality"; "fine-tuning" is one word.
WORD = r"[A-Za-z]{2,}(?:-[A-Za-z]+)*"
ENGLISH_RUN = re.compile(rf"{WORD}(?:[ '’]+{WORD})+")
NAMES = {"Krippendorff alpha"}  # a statistic's name, kept as Chinese texts on statistics do
PAGES = [
    ("steward", p)
    for p in ("home", "data", "generate", "compare", "rounds", "signoff", "export", "collapse", "audit")
] + [
    ("reviewer", "review"),
    ("reviewer", "inspect"),
    ("officer", "grants"),
    ("officer", "signoff"),
    ("admin", "users"),
    ("admin", "settings"),
]


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory):
    from reviews.workspace.demo import seed_demo
    from tests.support.databases import fresh_store

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SYNTHREVIEW_WORKER", "off")
        monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
        store = fresh_store("sqlite", tmp_path_factory.mktemp("demo"), monkeypatch)
        seed_demo(store)
        curate_narrowly(store)
        yield store


def curate_narrowly(store) -> None:
    """A curated dataset from the demo round, chosen so narrowly (best of many candidates for a
    few rows) that curation warns about the variance and categories it lost."""
    from reviews.jobs.worker import run_one
    from reviews.queries import rounds as round_queries
    from reviews.services.curation import start_curation

    (round_id,) = [r.id for r in round_queries.list_rounds(store) if round_queries.latest_model(store, r.id)]
    start_curation(store, Actor("steward", "steward"), round_id, rows=30, k=32, beta=1.0, mode="best_of_k")
    while run_one(store) is not None:  # the queue's earlier jobs first
        pass


def visible_texts(at: AppTest) -> list[str]:
    """What a reader sees: headings, text, messages, labels, options, table headers, chart texts."""
    texts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
    ):
        texts += [str(e.value) for e in getattr(at, kind)]
    for kind in (
        "button",
        "selectbox",
        "multiselect",
        "radio",
        "text_input",
        "text_area",
        "number_input",
        "checkbox",
        "toggle",
        "slider",
        "select_slider",
        "expander",
        "tabs",
        "metric",
    ):
        for element in getattr(at, kind, []):
            texts.append(str(getattr(element, "label", "") or ""))
            texts += [str(o) for o in getattr(element, "options", None) or []]
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns]
        texts += [
            v
            for column in frame.value.columns
            if frame.value[column].dtype == object
            for v in frame.value[column].dropna().astype(str)
        ]
    for element in at.get("plotly_chart"):
        texts += chart_texts(json.loads(element.proto.spec))
    return texts


def written_by_users(store) -> list[str]:
    """What the demo's people wrote (documentation, verdict comments, justifications): their data,
    shown as written in every language, so not interface text."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        verdicts = conn.execute(text("SELECT comment, override_justification FROM signoffs")).all()
        documents = conn.execute(text("SELECT fields FROM signoff_documentation")).scalars().all()
    written = [v for row in verdicts for v in row if v]
    for fields in documents:
        values = fields.values() if isinstance(fields, dict) else json.loads(fields).values()
        written += [str(v) for v in values if v]
    return sorted(written, key=len, reverse=True)  # longest first, so no part is left behind


def unmarked(text: str) -> str:
    """``text`` without Markdown's escapes, link targets and inline code: what a reader sees."""
    # Markdown links and inline code are addresses and identifiers, not prose.
    text = re.sub(r"\]\([^)]*\)|(?<!\\)`[^`]*`", " ", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~$])", r"\1", text)


def english_runs(texts: list[str], written: list[str] = ()) -> list[str]:
    cleaned = (unmarked(t) for t in texts)
    for data in written:
        cleaned = [t.replace(data, " ") for t in cleaned]
    return sorted({m.group(0) for t in cleaned for m in ENGLISH_RUN.finditer(t)} - NAMES)


# Pages that draw only the open tab, and their tabs' keys: every tab is read.
LAZY_TABS = {"compare": "compare_tab"}
# A reference to a stored object, as the core writes it into evidence.
REFERENCE = re.compile(r"\b(?:dataset|evaluation|inspection|round):\d+\b")


def core_words(texts: list[str], written: list[str] = ()) -> list[str]:
    """Single English words the core puts into names and evidence: purposes and dataset kinds
    in generated names, gate identifiers in evidence, references such as ``inspection:2``."""
    from synth.purposes.gates import GATE_LABELS

    words = {"privacy", "bias", "augmentation", "accepted", "synthetic", "holdout", *GATE_LABELS}
    # A key of the audit log's JSON contents ("counts": {"accepted": 3}) is an identifier of the record.
    cleaned = [re.sub(r'"[^"]*":', " ", unmarked(t)) for t in texts]
    for data in written:
        cleaned = [t.replace(data, " ") for t in cleaned]
    found = {w for t in cleaned for w in re.findall(r"[A-Za-z_]+", t)} & words
    return sorted(found | {m.group(0) for t in cleaned for m in REFERENCE.finditer(t)})


def audit_record_columns(at: AppTest) -> list[str]:
    """The audit table's action and object columns: identifiers of the record (``dataset:8``),
    typed into its filters as they are, so shown as they are."""
    frames = [f.value for f in at.dataframe if "对象" in f.value.columns]
    return [str(v) for frame in frames for column in ("操作", "对象") for v in frame[column].dropna()]


@pytest.mark.parametrize(("username", "page"), PAGES)
def test_the_page_shows_no_english_sentences_in_chinese(demo_workspace, username, page):
    at = app_in_chinese(Actor(username, ROLES[username]), f"pages/{page}.py", timeout=90)
    texts = visible_texts(at)
    for position in range(1, len(at.tabs) if page in LAZY_TABS else 0):  # drawn only once chosen
        texts += visible_texts(open_tab(at, LAZY_TABS[page], position))
    written = written_by_users(demo_workspace)
    assert english_runs(texts, written) == []
    assert core_words(texts, written + audit_record_columns(at)) == []


def test_curation_warnings_are_in_chinese(demo_workspace):
    at = app_in_chinese(Actor("steward", "steward"), "pages/rounds.py", timeout=90)
    warnings = [str(w.value) for w in at.warning]
    assert any("方差" in w or "类别" in w for w in warnings), warnings  # the narrow curation warned
    assert english_runs(warnings) == []


def report_texts(report: str) -> list[str]:
    """What a reader of the HTML report sees: its text between tags, and its charts' labels."""
    from html import unescape

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", report, flags=re.S | re.I)
    return [unescape(t).strip() for t in re.split(r"<[^>]*>", body) if t.strip()]


def test_the_html_report_is_in_chinese(demo_workspace):
    from reviews import queries
    from reviews.queries.evaluations import latest_evaluation
    from synth.metrics.report_html import render_html
    from ui.i18n import catalog

    chinese = catalog("zh")
    datasets = queries.list_datasets(demo_workspace)
    evaluated = [e for d in datasets if (e := latest_evaluation(demo_workspace, d.id))]
    assert evaluated, "the demo has an evaluation"
    for evaluation in evaluated:
        texts = report_texts(
            render_html(evaluation["result"], title="报告", translate=lambda m: chinese.get(m, m))
        )
        assert any("门槛" in t for t in texts)
        assert english_runs(texts) == []
        assert core_words(texts) == []
