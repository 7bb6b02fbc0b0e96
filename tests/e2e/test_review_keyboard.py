"""A reviewer answers 50 pairwise and 5 listwise tasks by keyboard alone, flags one row by
keyboard, and never scrolls, on a 1440x900 screen.

The workspace is seeded without generation (``tests/e2e/review_workspace.py``): german credit's
22 columns when the shared datasets are beside the checkout, else the demo table. Screenshots go
to the test's temporary folder and, when ``SYNTHREVIEW_E2E_ARTIFACTS`` names a folder, are
copied there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from reviews.queries import rounds as round_queries
from reviews.store import open_store
from reviews.workspace.config import load_settings
from tests.e2e.conftest import _require_browser, sign_in
from tests.e2e.keyboard_review import (
    assert_fits,
    flag_row,
    place_rows,
    press_row,
    submit_timed,
    wait_for_task,
)
from tests.e2e.review_workspace import PASSWORD, served_env
from tests.support.served_app import ROOT, served_app

PAIRWISE, LISTWISE = 50, 5
LISTWISE_ORDERS = ([2, 0, 4, 1, 3], [0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [1, 3, 0, 4, 2], [3, 4, 1, 0, 2])


@pytest.fixture(scope="module")
def review_home(tmp_path_factory):
    _require_browser()
    home = tmp_path_factory.mktemp("review-keyboard")
    env = served_env(home)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.e2e.review_workspace",
            str(home),
            "--pairwise",
            str(2 * PAIRWISE),
            "--listwise",
            str(2 * LISTWISE),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    with served_app(env, home / "server.log") as (url, _pid):
        yield home, url


def _shot(page, folder, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    if target := os.environ.get("SYNTHREVIEW_E2E_ARTIFACTS"):
        os.makedirs(target, exist_ok=True)
        shutil.copy(path, target)


def test_a_reviewer_answers_by_keyboard_alone(review_home, browser, tmp_path, monkeypatch):
    home, url = review_home
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, url, "reviewer", PASSWORD)
    page.get_by_role("link", name="Review", exact=True).click()

    for done in range(PAIRWISE):
        wait_for_task(page, done, PAIRWISE)
        if done == 0:
            flag_row(page, 1)
            assert_fits(page)
            _shot(page, tmp_path, "review_01_flagged")
        press_row(page, done % 2)
        if done in (0, PAIRWISE - 1):
            assert_fits(page)
            _shot(page, tmp_path, f"review_02_pairwise_{done}")
        submit_timed(page, done, PAIRWISE)

    # The batch is done; the round waits for the colleague, and says so.
    expect(page.get_by_text("Waiting for: reviewer2")).to_be_visible()
    _shot(page, tmp_path, "review_03_waiting")
    page.keyboard.press("n")  # to the listwise round, which has tasks for this reviewer
    for done, order in enumerate(LISTWISE_ORDERS):
        wait_for_task(page, done, LISTWISE)
        place_rows(page, order)
        assert_fits(page)
        if done == 0:
            _shot(page, tmp_path, "review_04_listwise")
        submit_timed(page, done, LISTWISE)
    expect(page.get_by_text("Waiting for: reviewer2")).to_be_visible()
    context.close()

    monkeypatch.setenv("SYNTHREVIEW_HOME", str(home))
    store = open_store(load_settings())
    pairwise_id, listwise_id = (r.id for r in round_queries.list_rounds(store))
    answers = [r for r in round_queries.responses(store, pairwise_id) if r["reviewer"] == "reviewer"]
    assert len(answers) == PAIRWISE and all(len(a["answer"]["ranking"]) == 2 for a in answers)
    specs = round_queries.task_specs(store, pairwise_id)
    # Alternate picks: 1 (row A) then 2 (row B); the stored ranking starts with the picked row.
    assert [a["answer"]["ranking"][0] for a in answers] == [
        specs[a["task_id"]].rows[n % 2] for n, a in enumerate(answers)
    ]
    (flag,) = round_queries.flags(store, pairwise_id)
    assert flag["reason"] == "impossible_value" and flag["row"] == specs[answers[0]["task_id"]].rows[1]
    listwise = [r for r in round_queries.responses(store, listwise_id) if r["reviewer"] == "reviewer"]
    specs = round_queries.task_specs(store, listwise_id)
    assert [a["answer"]["ranking"] for a in listwise] == [
        [specs[a["task_id"]].rows[p] for p in order]
        for a, order in zip(listwise, LISTWISE_ORDERS, strict=True)
    ]
