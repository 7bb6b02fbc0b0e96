"""Helpers for tests of the Chinese interface: the app signed in and switched to Chinese, the
texts of a chart, and the language set for widget formatting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from reviews.workspace.permissions import Actor
from tests.support.sessions import sign_in_app

ROOT = Path(__file__).resolve().parents[2]


def app_in_chinese(actor: Actor, page: str | None = None, timeout: float = 180) -> AppTest:
    """The app signed in as ``actor``, in Chinese, switched to ``page``, after its runs."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    sign_in_app(at, actor)
    at.session_state["language"] = "zh"
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def chinese_widgets() -> Iterator[None]:
    """AppTest formats widget values (``format_func=_``) in the test's own thread, outside the
    app's session; give that bare context the language too."""
    st.session_state["language"] = "zh"
    yield
    del st.session_state["language"]


def chart_texts(spec: dict) -> list[str]:
    """Titles, axis titles, legend title, trace names and annotations of a plotly figure's JSON."""
    layout = spec.get("layout", {})
    texts = [
        (layout.get("title") or {}).get("text"),
        ((layout.get("legend") or {}).get("title") or {}).get("text"),
    ]
    texts += [
        ((value or {}).get("title") or {}).get("text")
        for key, value in layout.items()
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict)
    ]
    texts += [a.get("text") for a in layout.get("annotations", [])]
    texts += [trace.get("name") for trace in spec.get("data", [])]
    return [t for t in texts if isinstance(t, str) and t]
