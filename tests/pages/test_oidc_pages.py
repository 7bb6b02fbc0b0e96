"""Single sign-on in the app: the button only when configured, the hand-over to a server-side
session, the page of an account without a role, a disabled account refused, and sign-out.

Streamlit's AppTest seeds ``st.user`` with the claims a provider would return; the exchange
with a real provider runs in the browser test (``tests/e2e/test_oidc.py``).
"""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from reviews import queries
from reviews.workspace.permissions import NO_ROLE, SYSTEM
from tests.pages.conftest import ROOT, page_text

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret-for-tests",
    "client_id": "synthreview",
    "client_secret": "client-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ISSUER = "http://127.0.0.1:9"


@pytest.fixture
def oidc_env(monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_OIDC_NAME", "Example ID")
    monkeypatch.setenv("SYNTHREVIEW_OIDC_ROLES", "sr-stewards=steward")


def _app(claims: dict | None, configured: bool = True) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if configured:
        at.secrets["auth"] = dict(AUTH)
    at.user = {"is_logged_in": True, "iat": int(time.time()), "iss": ISSUER, **claims} if claims else {}
    return at.run()


def test_no_button_without_configuration(workspace, oidc_env):
    at = _app(None, configured=False)
    assert "Sign in to SynthReview" in page_text(at)
    assert not [b for b in at.button if "Example ID" in b.label]


def test_the_button_names_the_provider_when_configured(workspace, oidc_env):
    at = _app(None)
    assert [b.label for b in at.button if b.key == "login_oidc"] == ["Sign in with Example ID"]


def test_an_incomplete_section_is_named(workspace, oidc_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"client_id": "synthreview"}
    at.run()
    assert "lack server_metadata_url, client_secret, redirect_uri, cookie_secret" in page_text(at)


def test_a_mapped_person_lands_on_home_with_a_session(workspace, oidc_env):
    at = _app({"sub": "s-1", "email": "sam@example.org", "groups": ["sr-stewards"]})
    assert not at.exception
    assert at.session_state["actor"].role == "steward"
    assert workspace.resume_session(at.session_state["session_cookie"]).username == "sam@example.org"
    assert "Sign out" in [b.label for b in at.button]


def test_an_unmapped_person_waits_for_a_role_until_an_admin_gives_one(workspace, oidc_env):
    at = _app({"sub": "s-2", "email": "newcomer@example.org", "groups": ["staff"]})
    assert at.session_state["actor"].role == NO_ROLE
    assert "Waiting for a role" in page_text(at)
    assert "An admin must give you one" in page_text(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/compare.py")
    workspace.set_role(SYSTEM, "newcomer@example.org", "reviewer")
    at.run()
    assert at.session_state["actor"].role == "reviewer"
    assert "Waiting for a role" not in page_text(at)


def test_the_users_page_lists_who_waits(workspace, oidc_env):
    from tests.pages.conftest import app_as

    _app({"sub": "s-3", "email": "waiting@example.org"})
    at = app_as("admin", "pages/users.py")
    assert "Waiting for a role after their first single sign-on: waiting@example.org" in page_text(at)
    listed = queries.list_users(workspace).set_index("username")
    assert listed.loc["waiting@example.org", "sign_in"] == "single sign-on"


def test_a_disabled_account_is_refused_with_a_message(workspace, oidc_env):
    _app({"sub": "s-4", "email": "gone@example.org", "groups": ["sr-stewards"]})
    workspace.set_active(SYSTEM, "gone@example.org", False)
    at = _app({"sub": "s-4", "email": "gone@example.org", "groups": ["sr-stewards"]})
    assert "actor" not in at.session_state
    assert "This account is disabled" in page_text(at)
    assert "Sign out of Example ID" in [b.label for b in at.button]


def test_signing_out_also_signs_out_of_the_provider(workspace, oidc_env):
    at = _app({"sub": "s-5", "email": "leaving@example.org", "groups": ["sr-stewards"]})
    cookie = at.session_state["session_cookie"]
    at.button(key="sidebar_sign_out").click().run()
    assert workspace.resume_session(cookie) is None
    assert at.user.get("is_logged_in") is False
