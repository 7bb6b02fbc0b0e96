"""In Chinese, no page of the demo workspace shows English sentences.

Every page is rendered, as the role that uses it, on the seeded demo (a generated, evaluated,
partly reviewed dataset), so text from the data core is on screen too: errors, checklist
evidence, gate explanations, table headers, chart titles and axes. Any run of two or more
English words is a leak. Single words (column names, category values, acronyms, a hyphenated
name such as scikit-lego), inline code and the names of statistics pass.
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
        yield store


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


def english_runs(texts: list[str], written: list[str] = ()) -> list[str]:
    # Markdown links and inline code are addresses and identifiers, not prose.
    cleaned = (re.sub(r"`[^`]*`|\]\([^)]*\)", " ", t) for t in texts)
    for data in written:
        cleaned = [t.replace(data, " ") for t in cleaned]
    return sorted({m.group(0) for t in cleaned for m in ENGLISH_RUN.finditer(t)} - NAMES)


# Pages that draw only the open tab, and their tabs' keys: every tab is read.
LAZY_TABS = {"compare": "compare_tab"}
# Pages whose dataset names and gate names are checked word by word as well.
NAMES_TRANSLATED = {"home", "data", "generate", "compare", "rounds", "export"}


def core_words(texts: list[str]) -> list[str]:
    """Single English words the core puts into names and evidence: purposes and dataset kinds
    in generated names, gate identifiers in evidence."""
    from synth.purposes.gates import GATE_LABELS

    words = {"privacy", "bias", "augmentation", "accepted", "synthetic", "holdout", *GATE_LABELS}
    found = {w for t in texts for w in re.findall(r"[A-Za-z_]+", t)}
    return sorted(found & words)


@pytest.mark.parametrize(("username", "page"), PAGES)
def test_the_page_shows_no_english_sentences_in_chinese(demo_workspace, username, page):
    at = app_in_chinese(Actor(username, ROLES[username]), f"pages/{page}.py", timeout=90)
    texts = visible_texts(at)
    for position in range(1, len(at.tabs) if page in LAZY_TABS else 0):  # drawn only once chosen
        texts += visible_texts(open_tab(at, LAZY_TABS[page], position))
    assert english_runs(texts, written_by_users(demo_workspace)) == []
    if page in NAMES_TRANSLATED:
        assert core_words(texts) == []
