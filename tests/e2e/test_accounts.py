"""In a real browser: a session survives a reload and a deep link; disabling and demoting bite at
the next click; five wrong passwords lock an account until the (short, configured) lock ends."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import shot, sign_in
from tests.e2e.flow import choose, go, wait_idle

pytestmark = pytest.mark.e2e
BOTH_DATABASES = True  # see the app_server fixture
LOCK_SECONDS = 20


@pytest.fixture(scope="module", autouse=True)
def short_lock():
    # Set before the module's server starts (autouse fixtures come first), which copies the environment.
    saved = {k: os.environ.get(k) for k in ("SYNTHREVIEW_LOCKOUT_SECONDS", "SYNTHREVIEW_LOCKOUT_ATTEMPTS")}
    os.environ["SYNTHREVIEW_LOCKOUT_SECONDS"] = str(LOCK_SECONDS)
    os.environ["SYNTHREVIEW_LOCKOUT_ATTEMPTS"] = "5"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _attempt(page, url, username, password):
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_idle(page)


def _users_action(admin, user, button, role=None):
    go(admin, "Users")
    choose(admin, "User", user)
    if role:
        choose(admin, "New role", role)
    admin.get_by_role("button", name=button).click()
    wait_idle(admin)
    admin.get_by_role("button", name="Confirm").click()
    wait_idle(admin)


def test_reload_and_deep_link_keep_the_session(app_server, new_page):
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    page.reload()
    page.get_by_role("button", name="Sign out").wait_for()
    page.goto(f"{app_server}/compare")
    page.get_by_role("button", name="Sign out").wait_for()
    wait_idle(page)
    assert page.url.endswith("/compare")
    assert page.get_by_role("heading", name="Compare").count() >= 1
    shot(page, "accounts_01_deep_link_compare")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.reload()
    page.get_by_role("button", name="Sign in").wait_for()  # signing out ended the session


def test_a_disabled_reviewer_is_signed_out_at_the_next_click(app_server, new_page):
    reviewer, admin = new_page(), new_page()
    sign_in(reviewer, app_server, "reviewer2", "reviewer2-demo")
    sign_in(admin, app_server, "admin", "admin-demo")
    _users_action(admin, "reviewer2", "Disable account")
    admin.get_by_text("reviewer2 is disabled and signed out.").wait_for()
    reviewer.get_by_role("link", name="Collapse Lab").click()
    reviewer.get_by_role("button", name="Sign in").wait_for()
    assert reviewer.get_by_role("button", name="Sign out").count() == 0
    shot(reviewer, "accounts_02_disabled_signed_out")
    _users_action(admin, "reviewer2", "Enable account")


def test_a_demoted_admin_loses_the_admin_pages_at_the_next_click(app_server, new_page):
    admin, other = new_page(), new_page()
    sign_in(admin, app_server, "admin", "admin-demo")
    _users_action(admin, "reviewer", "Change role", role="admin")
    sign_in(other, app_server, "reviewer", "reviewer-demo")
    other.get_by_role("link", name="Users").wait_for()
    _users_action(admin, "reviewer", "Change role", role="reviewer")
    other.get_by_role("link", name="Collapse Lab").click()
    wait_idle(other)
    other.get_by_role("link", name="Review", exact=True).wait_for()
    assert other.get_by_role("link", name="Users").count() == 0
    shot(other, "accounts_03_demoted")


def test_five_wrong_passwords_lock_until_the_lock_ends(app_server, new_page):
    page = new_page()
    for _ in range(5):
        _attempt(page, app_server, "officer", "not-the-password")
    page.get_by_text("Wrong username or password").wait_for()
    _attempt(page, app_server, "officer", "officer-demo")
    page.get_by_text("Wrong username or password").wait_for()
    assert page.get_by_role("button", name="Sign out").count() == 0
    shot(page, "accounts_04_locked")
    page.wait_for_timeout(LOCK_SECONDS * 1000 + 1000)
    sign_in(page, app_server, "officer", "officer-demo")
