"""The whole review flow in a real browser: generate, compare, review by two people, accept,
inspect, sign off, export, and check the bundle with the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.e2e.conftest import DATABASES, HOMES, ROOT, sign_in
from tests.e2e.flow import (
    officer_signs,
    reviewer_inspects,
    reviewer_ranks,
    shoot_report,
    steward_accepts_and_inspects,
    steward_compares_and_opens_round,
    steward_documents,
    steward_downloads_bundle,
    steward_generates,
)
from tests.e2e.page_tour import (
    ROLE_PAGES,
    evaluate,
    generate_from,
    import_file,
    open_page,
    screen_from,
    switch_language,
    tour,
    tour_as,
)

pytestmark = pytest.mark.e2e
BOTH_DATABASES = True  # see the app_server fixture
SAMPLE = 100  # the smallest sample that can pass a 96% lower bound is 93 rows


@pytest.mark.timeout(900)
def test_whole_review_flow(app_server, new_page, tmp_path):
    steward = new_page()
    dataset = steward_generates(steward, app_server)
    steward_compares_and_opens_round(steward, app_server, dataset)
    round_label = steward.get_by_text(re.compile(r"Round \d+ is open")).inner_text().split(" is")[0]

    first, second = new_page(), new_page()  # two reviewers, two separate browser sessions
    reviewer_ranks(first, app_server, "reviewer", round_label, flag_first=True)
    reviewer_ranks(second, app_server, "reviewer2", round_label)

    steward_accepts_and_inspects(steward, round_label, SAMPLE)
    # A new session: the first one is still signed in (sessions survive a reload), so it would
    # open on Home rather than on the sign-in form.
    reviewer_inspects(new_page(), app_server, "reviewer", SAMPLE)
    steward_documents(steward)

    officer_signs(new_page(), app_server)

    bundle = tmp_path / "bundle.zip"
    steward_downloads_bundle(steward, bundle)
    checked = subprocess.run(
        [sys.executable, "-m", "reviews", "verify-bundle", str(bundle)],
        cwd=ROOT,
        env={**os.environ, "SYNTHREVIEW_HOME": str(HOMES[app_server])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The server's log stays clean through the whole flow: no traceback, no inotify flood.
    log = (HOMES[app_server] / "server.log").read_text(errors="replace")
    assert "Traceback" not in log, log[max(0, log.find("Traceback") - 2000) :][:6000]
    assert "Inotify queue overflowed" not in log
    # No warning raised from our own code ("/repo/synth/x.py:12: FutureWarning: ...").
    ours = re.findall(
        r"^(?!.*site-packages).*/(?:(?:synth|reviews|ui|pages)/\S+\.py|app\.py):\d+: \w*Warning\b.*$",
        log,
        re.M,
    )
    assert ours == [], ours


def _once(url: str) -> None:
    # The pages read the same on either database; the flow above is what depends on it.
    if not DATABASES[url].startswith("sqlite"):
        pytest.skip("the page tour runs once, on SQLite")


@pytest.mark.timeout(600)
def test_every_page_in_english_and_chinese(app_server, new_page):
    """After the flow every page has something to show: each, with each of its tabs, is shot and
    checked in both languages, by the steward and, for their own pages, the other roles."""
    _once(app_server)
    steward = new_page()
    tour_as(steward, app_server, "steward", "tour_demo")
    open_page(steward, "data")
    screen_from(steward, "Show the profile of", "readme_profile")  # docs/profile.png
    for role, paths in ROLE_PAGES.items():
        tour_as(new_page(), app_server, role, "tour_demo", list(paths))


@pytest.mark.timeout(600)
def test_german_credit_reads_well(app_server, new_page, datasets_dir):
    """A second real table, imported, generated from and evaluated: its profile, comparison and
    report, shot and checked in both languages."""
    _once(app_server)
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    import_file(page, datasets_dir / "german_credit.csv")
    dataset = generate_from(page, "german_credit", rows=500)
    report = evaluate(page, dataset)
    shoot_report(new_page(), report, "tour_german_report")
    pages = ["data", "generate", "compare"]
    tour(page, "tour_german_en", pages)
    switch_language(page, "en", "zh")
    tour(page, "tour_german_zh", pages)
    switch_language(page, "zh", "en")
