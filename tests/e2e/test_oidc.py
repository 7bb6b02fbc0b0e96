"""In a real browser, against a real OpenID Connect provider (``oidc-provider-mock``, started
here as its own process): single sign-on lands on Home with the role the ``groups`` claim maps
to; someone whose claim maps to nothing waits for an admin; a disabled account is refused; and
signing out of SynthReview signs out of the provider's identity too.

The app is configured through the ``SYNTHREVIEW_OIDC_*`` environment variables, as a
deployment without a secrets file would be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reviews.store import open_store
from reviews.workspace.config import Settings
from reviews.workspace.permissions import SYSTEM
from tests.e2e.conftest import _require_browser, shot, wait_for_session_cookie
from tests.e2e.flow import wait_idle
from tests.support.served_app import ROOT, free_port, streamlit_command

pytestmark = pytest.mark.e2e
PEOPLE = [
    {"sub": "sam", "email": "sam@example.org", "groups": ["staff", "sr-stewards"]},
    {"sub": "nora", "email": "nora@example.org", "groups": ["staff"]},
    {"sub": "dora", "email": "dora@example.org", "groups": ["sr-stewards"]},
]


def _wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} exited early; see {log}")
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    process.kill()
    pytest.fail(f"{url} did not answer; see {log}")


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:  # the child keeps its own handle
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """``oidc-provider-mock`` on a free port, with the three people above; yields its issuer URL."""
    _require_browser()
    logs = tmp_path_factory.mktemp("oidc-provider")
    port = free_port()
    claims = [arg for person in PEOPLE for arg in ("--user-claims", json.dumps(person))]
    process = _start(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port), *claims],
        {**os.environ, "PYTHONUNBUFFERED": "1"},
        logs / "provider.log",
    )
    issuer = f"http://127.0.0.1:{port}"
    _wait_for(f"{issuer}/.well-known/openid-configuration", process, logs / "provider.log")
    yield issuer
    _stop(process)


@pytest.fixture(scope="module")
def app(provider, tmp_path_factory):
    """A workspace with one admin, served with single sign-on through ``provider``; yields (url, store)."""
    home = tmp_path_factory.mktemp("oidc-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "SYNTHREVIEW_HOME": str(home),
        "PYTHONUNBUFFERED": "1",
        "SYNTHREVIEW_OIDC_METADATA_URL": f"{provider}/.well-known/openid-configuration",
        "SYNTHREVIEW_OIDC_CLIENT_ID": "synthreview",
        "SYNTHREVIEW_OIDC_CLIENT_SECRET": "any-secret-the-mock-accepts",
        "SYNTHREVIEW_OIDC_REDIRECT_URI": f"{url}/oauth2callback",
        "SYNTHREVIEW_OIDC_COOKIE_SECRET": "a-long-random-cookie-secret-for-this-test",
        "SYNTHREVIEW_OIDC_NAME": "Example ID",
        "SYNTHREVIEW_OIDC_ROLES": "sr-stewards=steward",
    }
    for key in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_DEMO", "SYNTHREVIEW_WORKER"):
        env.pop(key, None)
    database = f"sqlite:///{home / 'synthreview.db'}"
    store = open_store(Settings(home, database, home / "artifacts", 10**8, False))
    store.create_user(SYSTEM, "admin", "an-admin-pass-phrase", "admin")
    log = home / "server.log"
    process = _start(
        streamlit_command(port),
        env,
        log,
    )
    _wait_for(f"{url}/_stcore/health", process, log)
    yield url, store
    _stop(process)


def _sign_in_with_provider(page, url: str, sub: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Sign in with Example ID").click()
    page.get_by_role("heading", name="Authorize Client").wait_for()
    page.get_by_role("button", name=sub, exact=True).first.click()
    page.wait_for_url(f"{url}/**")
    wait_idle(page)


def test_single_sign_on_lands_on_home_with_the_mapped_role(app, new_page):
    url, store = app
    page = new_page()
    _sign_in_with_provider(page, url, "sam")
    page.get_by_role("button", name="Sign out").wait_for()
    page.get_by_text("sam@example.org · steward").wait_for()
    assert page.get_by_role("link", name="Generate", exact=True).count() == 1  # a steward's page
    assert page.get_by_role("heading", name="Sign in to SynthReview").count() == 0
    shot(page, "oidc_01_home_as_mapped_steward")
    wait_for_session_cookie(page)
    page.reload()  # SynthReview's own session, kept in its cookie
    page.get_by_text("sam@example.org · steward").wait_for()
    page.get_by_role("button", name="Sign out").click()
    # Streamlit's st.logout sends the browser to the provider's end-session page, then back.
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Sign in with Example ID").wait_for()
    page.goto(url)  # signed out of the provider's identity too: nothing signs sam back in
    page.get_by_role("button", name="Sign in with Example ID").wait_for()
    wait_idle(page)
    assert page.get_by_role("button", name="Sign out").count() == 0


def test_an_unmapped_person_gets_no_role_until_an_admin_gives_one(app, new_page):
    url, store = app
    page = new_page()
    _sign_in_with_provider(page, url, "nora")
    page.get_by_role("heading", name="Waiting for a role").wait_for()
    page.get_by_text("nora@example.org · none").wait_for()
    assert page.get_by_role("link", name="Compare", exact=True).count() == 0
    shot(page, "oidc_02_waiting_for_a_role")
    store.set_role(SYSTEM, "nora@example.org", "reviewer")
    wait_for_session_cookie(page)
    page.reload()
    page.get_by_text("nora@example.org · reviewer").wait_for()
    # The account line can be drawn before the navigation of the same run: wait for the link.
    page.get_by_role("link", name="Review", exact=True).wait_for()
    wait_idle(page)
    assert page.get_by_role("link", name="Review", exact=True).count() == 1


def test_a_disabled_account_cannot_sign_in_through_the_provider(app, new_page):
    url, store = app
    page = new_page()
    _sign_in_with_provider(page, url, "dora")
    page.get_by_text("dora@example.org · steward").wait_for()
    store.set_active(SYSTEM, "dora@example.org", False)
    page.reload()  # the next click: the session ended with the account
    page.get_by_role("heading", name="Sign in to SynthReview").wait_for()
    _sign_in_with_provider(page, url, "dora")
    page.get_by_text("This account is disabled. Ask an admin to enable it.").wait_for()
    assert page.get_by_role("button", name="Sign out", exact=True).count() == 0
    shot(page, "oidc_03_disabled_refused")
