"""The whole review flow in a real browser: generate, compare, review by two people, accept,
inspect, sign off, export, and check the bundle with the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.e2e.conftest import HOMES, ROOT
from tests.e2e.flow import (
    officer_signs,
    reviewer_inspects,
    reviewer_ranks,
    steward_accepts_and_inspects,
    steward_compares_and_opens_round,
    steward_documents,
    steward_downloads_bundle,
    steward_generates,
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
