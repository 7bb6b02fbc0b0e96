"""In Chinese, no page of the demo workspace shows English sentences.

Every page is rendered, as the role that uses it, on the seeded demo (a generated, evaluated,
partly reviewed dataset), so text from the data core is on screen too: errors, checklist
evidence, gate explanations, table headers, chart titles and axes. Any run of three or more
English words is a leak. Data values (column names, category values), names and acronyms are
not sentences, so they pass.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from reviews.permissions import Actor
from tests.pages.conftest import ROLES, ROOT

# Three or more words of Latin letters in a row, e.g. "share of synthetic rows".
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,}){2,}")
PAGES = [("steward", p) for p in ("home", "data", "generate", "compare", "rounds", "signoff", "export", "collapse", "audit")] + [
    ("reviewer", "review"), ("reviewer", "inspect"), ("officer", "grants"), ("officer", "signoff"),
    ("admin", "users"), ("admin", "settings")]


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory):
    from reviews.demo_seed import seed_demo
    from tests.support.databases import fresh_store

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SYNTHREVIEW_WORKER", "off")
        monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
        store = fresh_store("sqlite", tmp_path_factory.mktemp("demo"), monkeypatch)
        seed_demo(store)
        yield store


def chart_texts(spec: dict) -> list[str]:
    """Titles, axis titles, legend title, trace names and annotations of a plotly figure."""
    layout = spec.get("layout", {})
    texts = [(layout.get("title") or {}).get("text"), ((layout.get("legend") or {}).get("title") or {}).get("text")]
    texts += [((value or {}).get("title") or {}).get("text") for key, value in layout.items()
              if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict)]
    texts += [a.get("text") for a in layout.get("annotations", [])]
    texts += [trace.get("name") for trace in spec.get("data", [])]
    return [t for t in texts if isinstance(t, str)]


def visible_texts(at: AppTest) -> list[str]:
    """What a reader sees: headings, text, messages, labels, options, table headers, chart texts."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        texts += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "text_area", "number_input",
                 "checkbox", "toggle", "slider", "select_slider", "expander", "tabs", "metric"):
        for element in getattr(at, kind, []):
            texts.append(str(getattr(element, "label", "") or ""))
            texts += [str(o) for o in getattr(element, "options", None) or []]
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns]
        texts += [v for column in frame.value.columns if frame.value[column].dtype == object
                  for v in frame.value[column].dropna().astype(str)]
    for element in at.get("plotly_chart"):
        texts += chart_texts(json.loads(element.proto.spec))
    return texts


def english_runs(texts: list[str]) -> list[str]:
    # Markdown links and inline code are addresses and identifiers, not prose.
    cleaned = (re.sub(r"`[^`]*`|\]\([^)]*\)", " ", t) for t in texts)
    return sorted({m.group(0) for t in cleaned for m in ENGLISH_RUN.finditer(t)})


@pytest.mark.parametrize(("username", "page"), PAGES)
def test_the_page_shows_no_english_sentences_in_chinese(demo_workspace, username, page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["actor"] = Actor(username, ROLES.get(username, username))
    at.session_state["language"] = "zh"
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    assert english_runs(visible_texts(at)) == []
