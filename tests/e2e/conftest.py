"""Browser tests: the real app under ``streamlit run``, driven in Debian's Chromium.

No browser is downloaded. Without /usr/bin/chromium these tests skip, saying so, unless
``SYNTHREVIEW_REQUIRE_E2E=1`` (set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviews.store import Store, open_store
from reviews.workspace.config import Settings
from tests.support.chromium import CHROMIUM, LAUNCH_ARGS
from tests.support.databases import POSTGRES_ENV, drop_database_url, postgres_database
from tests.support.served_app import ROOT, AppDidNotStart, served_app
from ui.session_cookie import COOKIE

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    message = (
        f"{CHROMIUM} is missing: install Debian's chromium (make test does as root) to run the browser tests"
    )
    if os.environ.get("SYNTHREVIEW_REQUIRE_E2E") == "1":
        pytest.fail(message)
    pytest.skip(message)


HOMES: dict[str, Path] = {}  # each served app's workspace folder, by its URL
DATABASES: dict[str, str] = {}  # each served app's database URL, by its URL


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def app_server(request, tmp_path_factory):
    """A fresh demo workspace served by ``streamlit run`` on a free port; yields its URL.

    It runs on SQLite, and again on a new PostgreSQL database when one is configured and the
    test module sets ``BOTH_DATABASES = True``: the whole flow and the accounts' sessions and
    lockout, whose browser-visible behaviour rests on the database. The other browser tests check
    promises of the pages (layout, escaping, requests, refusals) that do not depend on it; every
    store operation they use is tested on both databases below the browser.
    """
    _require_browser()
    home = tmp_path_factory.mktemp("e2e-home")
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home), "SYNTHREVIEW_DEMO": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("SYNTHREVIEW_DATABASE_URL", None)
    if request.param == "postgres":
        if not getattr(request.module, "BOTH_DATABASES", False):
            pytest.skip("this browser test runs on SQLite; the full flow covers PostgreSQL")
        base = os.environ.get(POSTGRES_ENV)
        if not base:
            pytest.skip(f"{POSTGRES_ENV} is not set; PostgreSQL variant skipped")
        env["SYNTHREVIEW_DATABASE_URL"] = postgres_database(base)
    env.pop("SYNTHREVIEW_WORKER", None)
    # As `make run` does: the demo workspace is seeded before the server starts, so the first
    # page a test opens measures the app, not the seeding (which also generates and signs).
    prepared = subprocess.run(
        [sys.executable, "-m", "reviews.workspace.prepare"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if prepared.returncode != 0:
        pytest.fail(f"demo seeding failed:\n{prepared.stdout}\n{prepared.stderr}")
    try:
        with served_app(env, home / "server.log") as (url, _pid):
            HOMES[url] = home
            DATABASES[url] = env.get("SYNTHREVIEW_DATABASE_URL") or f"sqlite:///{home / 'synthreview.db'}"
            yield url
    except AppDidNotStart as exc:
        pytest.fail(str(exc))
    if request.param == "postgres":
        drop_database_url(env["SYNTHREVIEW_DATABASE_URL"])


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser):
    """Pages in separate browser contexts (separate sessions), closed after the test."""
    contexts = []

    def make(locale: str = "en-US"):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)  # generous: CI machines are small and shared
        return page

    yield make
    for context in contexts:
        context.close()


# Streamlit scrolls its main area, not the document, so a full-page screenshot stops at the
# window; a whole page is shot with the window made as tall as that area's content.
_CONTENT_HEIGHT = "() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0"


def shot(page, name: str, whole: bool = False) -> None:
    """Save a screenshot of the step to tests/e2e/artifacts/ (ignored by git).

    ``whole``: everything on the page, at the window's width (1440), not just the first 900 pixels.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(_CONTENT_HEIGHT) if whole and size else 0
    tall = bool(size) and height > size["height"]
    if tall:
        page.set_viewport_size({"width": size["width"], "height": min(height, 16_000)})
        page.wait_for_timeout(300)  # charts redraw at the new size
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if tall:
        page.set_viewport_size(size)


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    wait_for_session_cookie(page)


def wait_for_session_cookie(page) -> None:
    """Wait until the browser holds the session cookie.

    The signed-in page is drawn in the same render as the script that stores the cookie, and
    the script runs just after; a reload in between (a test is quicker than a person) would
    find no cookie and show the sign-in form again.
    """
    page.wait_for_function(f"document.cookie.includes({COOKIE!r} + '=')")


def served_store(url: str) -> Store:
    """The store of the app served at ``url``, to check what a browser action kept."""
    home = HOMES[url]
    return open_store(Settings(home, DATABASES[url], home / "artifacts", 200 * 1024 * 1024, True))
