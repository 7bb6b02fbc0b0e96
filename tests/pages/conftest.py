"""AppTest fixtures: a workspace with one user per role, and the app signed in as one of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reviews.workspace.permissions import SYSTEM, Actor
from tests.support.chinese import chinese_widgets  # noqa: F401  (a fixture for the Chinese page tests)
from tests.support.databases import drop_postgres_database, fresh_store
from tests.support.sessions import sign_in_app

ROOT = Path(__file__).resolve().parents[2]
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
PASSWORDS = {
    "admin": "admin-pass-phrase1",
    "steward": "steward-pass-phrase",
    "reviewer": "reviewer-pass-phrase",
    "reviewer2": "reviewer2-pass-phrase",
    "officer": "officer-pass-phrase",
}
ROLES = {
    "admin": "admin",
    "steward": "steward",
    "reviewer": "reviewer",
    "reviewer2": "reviewer",
    "officer": "officer",
}


@pytest.fixture(params=["sqlite", "postgres"])
def workspace(request, tmp_path, monkeypatch):
    """A fresh workspace (SQLite, and PostgreSQL when configured) with one user per role."""
    monkeypatch.delenv("SYNTHREVIEW_DEMO", raising=False)
    monkeypatch.setenv("SYNTHREVIEW_WORKER", "off")  # tests run queued jobs themselves, deterministically
    store = fresh_store(request.param, tmp_path, monkeypatch)
    store.create_user(SYSTEM, "admin", PASSWORDS["admin"], "admin")
    for name in ("steward", "reviewer", "reviewer2", "officer"):
        store.create_user(SYSTEM, name, PASSWORDS[name], ROLES[name])
    yield store
    drop_postgres_database(store)


def app_as(username: str | None, page: str | None = None, timeout: float = 60) -> AppTest:
    """The app, signed in as ``username`` (or signed out), optionally switched to ``page``, after one run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if username:
        sign_in_app(at, Actor(username, ROLES[username]))
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def open_tab(at: AppTest, key: str, tab: str | int) -> AppTest:
    """Choose a tab of the tabs ``key`` (by label, or by position among the page's tabs) and rerun:
    pages draw only the open tab, as a reader sees it after clicking."""
    at.session_state[key] = tab if isinstance(tab, str) else at.tabs[tab].label
    at.run()
    assert not at.exception, at.exception
    return at


def open_lineage_graphs(at: AppTest, store) -> AppTest:
    """Open the lineage graph of every generated dataset shown on Generate (drawn once opened)."""
    from reviews import queries

    for dataset in queries.list_datasets(store):
        if dataset.kind == "synthetic":
            at.session_state[f"gen_lineage_{dataset.id}"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest, raw: bool = False) -> str:
    """Everything a user reads on the page, joined, for assertions.

    Markdown backslash escapes (``ui.plain.md``) are removed as the browser removes them, unless
    ``raw`` asks for the Markdown source.
    """
    parts = [
        e.value
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
        )
        for e in getattr(at, kind)
    ]
    text = "\n".join(str(p) for p in parts)
    return text if raw else _MD_ESCAPE.sub(r"\1", text)


@pytest.fixture
def synthetic_dataset(workspace):
    """A real table and a synthetic one made from it (ten rows with an impossible age)."""
    from reviews.store import NewDataset
    from synth.demo import load_demo

    steward = Actor("steward", "steward")
    real = load_demo().head(400)
    real_id = workspace.add_dataset(steward, NewDataset("arrests", real))
    synthetic = real.sample(120, random_state=1).reset_index(drop=True)
    synthetic.loc[:9, "age"] = 130
    return workspace.add_dataset(
        steward,
        NewDataset(
            "arrests synthetic",
            synthetic,
            kind="synthetic",
            parent_id=real_id,
            train_id=real_id,
            depth=1,
            purpose="privacy",
        ),
    )


@pytest.fixture(params=["sqlite", "postgres"])
def flow(request, tmp_path, monkeypatch, fast_passwords):
    """A store holding one accepted dataset taken through review (``tests.support.signoff_flow``)."""
    from tests.support.signoff_flow import accepted_flow

    monkeypatch.setenv("SYNTHREVIEW_WORKER", "off")
    monkeypatch.delenv("SYNTHREVIEW_DEMO", raising=False)
    store = fresh_store(request.param, tmp_path, monkeypatch)
    yield store, accepted_flow(store)
    drop_postgres_database(store)


def page_as(username: str, role: str, page: str) -> AppTest:
    """The app signed in as ``username`` with ``role``, switched to ``page``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    sign_in_app(at, Actor(username, role))
    at.run()
    at.switch_page(page).run()
    return at
