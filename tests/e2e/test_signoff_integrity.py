"""Sign-off evidence that cannot be gamed, in a real browser on one served demo workspace: the
officer reads the steward's documentation, the verdict form belongs to one dataset, a reviewer's
Audit page hides other reviewers' answers, a failed inspection stays in the checklist after a
later pass, and a double click on Generate makes one job."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reviews.acceptance.inspection import judge, rows_to_judge, start_inspection
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import list_jobs
from reviews.ranking import rounds
from reviews.signoff import FIELDS, save_documentation, signable_datasets
from reviews.store import Flag
from reviews.workspace.permissions import Actor
from tests.e2e.conftest import ARTIFACTS, served_store, shot, sign_in
from tests.e2e.flow import choose, go, wait_idle

pytestmark = pytest.mark.e2e
STEWARD, REVIEWER, REVIEWER2 = (
    Actor("steward", "steward"),
    Actor("reviewer", "reviewer"),
    Actor("reviewer2", "reviewer"),
)
SECRET_NOTE = "reviewer2-private-note-7f3a"


def artifact(name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def _signoff_page(page, url: str, dataset_id: int | None = None):
    sign_in(page, url, "officer", "officer-demo")
    go(page, "Sign-off")
    if dataset_id is not None:
        choose(page, "Dataset", f"#{dataset_id} ")


def test_the_officer_reads_the_stewards_documentation(app_server, new_page):
    store = served_store(app_server)
    dataset_id = signable_datasets(store)[-1].id
    save_documentation(
        store, STEWARD, dataset_id, {f.key: f"Steward's text on {f.label}, kept." for f in FIELDS}
    )
    page = new_page()
    _signoff_page(page, app_server, dataset_id)
    page.get_by_role("tab", name="Documentation").click()
    page.get_by_text(re.compile(r"Version \d+, written by steward at")).wait_for()
    expect(page.get_by_text("Steward's text on Design choices, kept.").first).to_be_visible()
    assert page.get_by_role("button", name="Save documentation").count() == 0  # read-only for the officer
    shot(page, "integrity_01_officer_reads_documentation")


def test_the_verdict_form_is_empty_on_a_second_dataset(app_server, new_page):
    first, second = (d.id for d in signable_datasets(served_store(app_server))[:2])
    page = new_page()
    _signoff_page(page, app_server, first)
    page.get_by_role("tab", name="Verdict").click()
    page.get_by_text("Reject", exact=True).click()
    page.get_by_label("Comment (required to reject or to approve with conditions)").fill(
        "Rejected: first one."
    )
    page.get_by_label("Your password, to confirm it is you").fill("a-wrong-password")
    page.get_by_role("button", name="Sign", exact=True).click()
    wait_idle(page)
    page.get_by_text(re.compile("password", re.I)).first.wait_for()  # the failed attempt's message
    choose(page, "Dataset", f"#{second} ")
    page.get_by_role("tab", name="Verdict").click()
    expect(page.get_by_label("Comment (required to reject or to approve with conditions)")).to_have_value("")
    expect(page.get_by_label("Your password, to confirm it is you")).to_have_value("")
    assert page.get_by_role("radio", checked=True).count() == 0
    assert page.get_by_text("Rejected: first one.").count() == 0
    shot(page, "integrity_02_empty_verdict_form")


def test_a_reviewers_audit_page_and_csv_hide_other_reviewers_answers(app_server, new_page, tmp_path):
    store = served_store(app_server)
    round_id = round_queries.list_rounds(store)[0].id
    view = rounds.next_task(store, REVIEWER2, round_id)
    assert view is not None
    rounds.submit(
        store,
        REVIEWER2,
        round_id,
        view.task_id,
        ranking=view.rows,
        flags=[Flag(view.rows[0], "other", SECRET_NOTE)],
    )

    def audit_csv(username: str) -> str:
        page = new_page()
        sign_in(page, app_server, username, f"{username}-demo")
        go(page, "Audit log")
        page.get_by_label("Actor contains").fill("reviewer2")
        page.get_by_label("Actor contains").press("Enter")
        wait_idle(page)
        grid = page.get_by_test_id("stDataFrame").first
        grid.wait_for()
        with page.expect_download() as download:
            page.get_by_test_id("stDownloadButton").get_by_role("button").click()
        path = tmp_path / f"audit-{username}.csv"
        download.value.save_as(path)
        shot(page, f"integrity_03_audit_{username}")
        return path.read_text(encoding="utf-8")

    officer_sees = audit_csv("officer")
    # The answer's contents are in the log (the officer reads them): the reviewer's view must hide them.
    assert "ranking" in officer_sees and "flags" in officer_sees
    reviewer_sees = audit_csv("reviewer")
    assert "review.response" in reviewer_sees and "reviewer2" in reviewer_sees  # who, what, when
    assert (
        "ranking" not in reviewer_sees and "flags" not in reviewer_sees and SECRET_NOTE not in reviewer_sees
    )


def test_a_failed_inspection_stays_in_the_checklist_after_a_later_pass(app_server, new_page):
    store = served_store(app_server)
    accepted = next(d for d in signable_datasets(store) if d.kind == "accepted")
    attempts = {}
    for seed, passing in ((11, False), (12, True)):
        inspection_id = start_inspection(store, STEWARD, accepted.id, size=20, min_lower=0.8, seed=seed)
        sample = rows_to_judge(store, REVIEWER, inspection_id, limit=100)
        judge(store, REVIEWER, inspection_id, {int(i): passing for i in sample.index})
        attempts[passing] = inspection_id
    page = new_page()
    _signoff_page(page, app_server, accepted.id)
    failed, passed = attempts[False], attempts[True]
    page.get_by_text(re.compile(rf"inspection:{failed}\s+failed: 0/20 rows passed")).first.wait_for()
    expect(
        page.get_by_text(re.compile(rf"inspection:{passed}\s+passed: 20/20 rows passed")).first
    ).to_be_visible()
    link = page.locator(f"a[href$='inspect?inspection={failed}']").first
    expect(link).to_be_visible()
    expect(
        page.get_by_label("Why the earlier failed inspection no longer applies (kept in the audit log)")
    ).to_be_visible()
    shot(page, "integrity_04_failed_attempt_in_checklist")


def test_a_double_click_on_generate_makes_one_job(app_server, new_page):
    store = served_store(app_server)
    before = len(list_jobs(store, "generate", limit=1000))
    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    go(page, "Generate")
    page.get_by_label("Rows to generate").fill("200")
    page.get_by_role("button", name="Generate", exact=True).dblclick()
    page.get_by_test_id("stProgress").first.wait_for()
    page.wait_for_timeout(3000)  # let a second request, if one went out, reach the server
    wait_idle(page)
    assert len(list_jobs(store, "generate", limit=1000)) == before + 1
    shot(page, "integrity_05_one_job")


def test_the_inspect_page_starts_with_nothing_passed_and_fits_1440_by_900(app_server, browser):
    store = served_store(app_server)
    accepted = next(d for d in signable_datasets(store) if d.kind == "accepted")
    start_inspection(store, STEWARD, accepted.id, size=30, min_lower=0.8, seed=21)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        sign_in(page, app_server, "reviewer2", "reviewer2-demo")
        go(page, "Inspect")
        editor = page.get_by_test_id("stDataFrame").first
        editor.wait_for()
        box = editor.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1440
        page.screenshot(path=str(artifact("integrity_06_inspect_1440x900")))
        page.get_by_role("button", name="Save the judged rows").click()
        page.get_by_text("Tick pass or fail beside at least one row, then save.").wait_for()
    finally:
        context.close()
