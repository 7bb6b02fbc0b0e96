"""A reviewer does a whole sampling inspection by keyboard alone on a 1440x900 screen, and the
page never scrolls: ``P`` / ``F`` judge the current row and move on, ``K`` goes back,
``Backspace`` clears a verdict, ``Enter`` saves the screen.

The workspace is seeded without generation (``tests/e2e/inspect_workspace.py``): german
credit's 22 columns when the shared datasets are beside the checkout, else the demo table.
Screenshots are kept in tests/e2e/artifacts/.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from reviews.acceptance.inspection import inspection_status
from reviews.queries import inspections as inspection_queries
from reviews.store import open_store
from reviews.workspace.config import load_settings
from tests.e2e.conftest import ARTIFACTS, _require_browser, sign_in
from tests.e2e.review_workspace import PASSWORD, served_env
from tests.support.served_app import ROOT, served_app

pytestmark = pytest.mark.e2e
SAMPLE, SCREEN = 25, 20
FAILING = {3, 11, 22}  # which rows of the sample, in the order shown, the reviewer fails


@pytest.fixture(scope="module")
def inspect_home(tmp_path_factory):
    _require_browser()
    home = tmp_path_factory.mktemp("inspect-keyboard")
    env = served_env(home)
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.e2e.inspect_workspace", str(home), "--sample", str(SAMPLE)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    with served_app(env, home / "server.log") as (url, _pid):
        yield home, url, int(seeded.stdout.split()[-1])


STATUS = re.compile(r"^Row \d+ \(\d+ of \d+\)")


def _press(page: Page, key: str, shows: str) -> None:
    """Press ``key`` and wait for the status line to show ``shows``, so no key races the page."""
    page.keyboard.press(key)
    expect(page.get_by_text(STATUS)).to_contain_text(shows)


def _assert_fits(page: Page) -> None:
    """Nothing on the page scrolls, and the grid and the Save button are wholly on screen."""
    heights = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'), d = document.documentElement;"
        " return [d.scrollHeight, window.innerHeight, m.scrollHeight, m.clientHeight]; }"
    )
    assert heights[0] <= heights[1] and heights[2] <= heights[3], heights
    for locator in (page.get_by_test_id("stDataFrame").first, page.locator(".st-key-inspect_save button")):
        box = locator.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, box


def _judge_screen(page: Page, first: int, rows: int) -> None:
    """Judge ``rows`` rows by keyboard, the sample's rows ``first``... in the order shown."""
    failed = 0
    for n in range(rows):
        failed += first + n in FAILING
        key = "f" if first + n in FAILING else "p"
        _press(page, key, f"{n + 1 - failed} passed, {failed} failed, {rows - n - 1} not judged yet")


def test_a_reviewer_inspects_by_keyboard_alone(inspect_home, browser, monkeypatch):
    home, url, inspection_id = inspect_home
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        sign_in(page, url, "reviewer", PASSWORD)
        page.get_by_role("link", name="Inspect", exact=True).click()
        expect(page.get_by_text(f"0/{SAMPLE} judged").first).to_be_visible()
        expect(page.get_by_text(STATUS)).to_contain_text("0 passed, 0 failed, 20 not judged yet")
        _assert_fits(page)

        # A slip corrected: pass the first row, go back with K, clear it, then judge the screen.
        _press(page, "p", "1 passed")
        _press(page, "k", "(1 of 20)")
        _press(page, "Backspace", "0 passed, 0 failed, 20 not judged yet")
        _judge_screen(page, 0, SCREEN)
        _assert_fits(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "inspect_01_keyboard_screen_judged.png"))
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"{SCREEN}/{SAMPLE} judged").first).to_be_visible()
        _assert_fits(page)

        _judge_screen(page, SCREEN, SAMPLE - SCREEN)
        page.screenshot(path=str(ARTIFACTS / "inspect_02_keyboard_last_screen.png"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Inspection finished: passed.")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "inspect_03_keyboard_finished.png"))
    finally:
        context.close()

    monkeypatch.setenv("SYNTHREVIEW_HOME", str(home))
    store = open_store(load_settings())
    sample = inspection_queries.inspection_row(store, inspection_id)["rows"]
    assert inspection_queries.verdicts(store, inspection_id) == {
        row: n not in FAILING for n, row in enumerate(sample)
    }
    assert inspection_status(store, inspection_id).status == "passed"
    batches = inspection_queries.inspection_batch_rows(store, inspection_id)
    assert [(b["rows"], b["marked_rows"]) for b in batches] == [(SCREEN, 0), (SAMPLE - SCREEN, 0)]
    assert all(b["seconds"] > 0 for b in batches)  # each screen's pace is recorded
