"""Sign-in, first run and role-based navigation."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from reviews.workspace.permissions import Actor
from tests.pages.conftest import PASSWORDS, ROOT, app_as, page_text
from tests.support.sessions import sign_in_app


def test_first_run_creates_the_admin(tmp_path, monkeypatch):
    from tests.support.databases import fresh_store

    store = fresh_store("sqlite", tmp_path, monkeypatch)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "Welcome to SynthReview" in page_text(at)
    at.text_input(key="setup_username").input("boss")
    at.text_input(key="setup_password").input("a-long-password")
    at.text_input(key="setup_repeat").input("a-long-password")
    at.button[0].click().run()
    assert store.user_count() == 1
    assert "Sign in to SynthReview" in page_text(at)


def test_login_success_and_failure(workspace):
    at = app_as(None)
    at.text_input(key="login_username").input("steward")
    at.text_input(key="login_password").input("wrong-one")
    at.button[0].click().run()
    assert "Wrong username or password" in at.error[0].value
    at.text_input(key="login_password").input(PASSWORDS["steward"])
    at.button[0].click().run()
    assert at.session_state["actor"].role == "steward"
    assert not at.exception


def test_reviewer_gets_no_data_page(workspace):
    from ui.navigation import visible_pages

    urls = [p[3] for p in visible_pages(Actor("reviewer", "reviewer"))]
    assert "data" not in urls and "users" not in urls and "home" in urls
    at = app_as("reviewer")
    assert not at.exception


def test_reviewer_cannot_switch_to_the_data_page(workspace):
    at = app_as("reviewer")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data.py")


@pytest.mark.parametrize("page,role", [("data", "reviewer"), ("users", "steward"), ("data", None)])
def test_page_refuses_a_visitor_who_reaches_it_directly(workspace, page, role):
    # Streamlit's legacy multipage mode can run a file in pages/ without app.py; the page stops itself.
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    if role:
        sign_in_app(at, Actor(role, role))
    at.run()
    assert "not available to you" in page_text(at)
    assert not at.tabs and not at.dataframe


def test_steward_reaches_data_page(workspace):
    at = app_as("steward", "pages/data.py")
    assert not at.exception
    assert "Data" in [t.value for t in at.title]


def test_sign_out_clears_the_session(workspace):
    at = app_as("steward")
    at.sidebar.button(key="sidebar_sign_out").click().run()
    assert "actor" not in at.session_state
    assert "Data" not in [t.value for t in at.title]
    at.switch_page("pages/login.py").run()
    assert "Sign in to SynthReview" in page_text(at)
