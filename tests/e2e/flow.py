"""Steps of the whole review flow, as a person does them in the browser."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.e2e.keyboard_review import PROGRESS, flag_row, press_row, progress, submit_timed, wait_for_task

PAIRS_PER_REVIEWER = 20
REPORT_LIMIT = 1_500_000
REPORT_BUILD_MS = 180_000  # the report is drawn when Prepare is pressed; CI machines are shared
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
# Column names of the tables a test loaded: the data's own names (``credit_amount``) are shown as
# they are in previews and tasks, so they are headers a page may show.
DATA_COLUMNS: set[str] = set()


def checked_shot(page: Page, name: str, whole: bool = False) -> None:
    """Save the step's screenshot and check what the tables on it show people.

    No visible table header may be a raw identifier (``missing_share``) and no cell may read
    ``None``. Data tables are canvases; their accessible grid (``role=grid``) holds the same
    text. Markdown and HTML tables have ``th`` headers.
    """
    shot(page, name, whole)
    headers = [h.strip() for h in page.locator("[role=columnheader], th").all_inner_texts()]
    raw = [h for h in headers if _IDENTIFIER.match(h) and h not in DATA_COLUMNS]
    assert not raw, f"{name}: raw headers {raw}"
    cells = [c.strip() for c in page.locator("[role=gridcell]").all_inner_texts()]
    assert "None" not in cells, f"{name}: a cell reads None"


def shoot_report(page: Page, report: bytes, name: str) -> None:
    """Show the HTML report as a browser opens the downloaded file, check and shoot it, close it."""
    page.set_content(report.decode())
    assert '{"' not in page.inner_text("body"), f"{name}: raw JSON in the report"
    checked_shot(page, name)
    page.close()


def wait_idle(page: Page) -> None:
    """Wait until the app has finished rerunning, so what is on screen is the new page."""
    page.wait_for_timeout(300)
    page.locator("[data-test-script-state=notRunning]").wait_for(state="attached", timeout=120_000)


def choose(page: Page, label: str, text: str) -> None:
    """Pick the first option containing ``text`` in the Streamlit selectbox labelled ``label``.

    Typing filters the list, which is sturdier than finding the option in a scrolled menu.
    """
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(text, delay=20)
    page.get_by_role("option").filter(has_text=text).first.wait_for()
    box.press("Enter")
    wait_idle(page)


def go(page: Page, link: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    wait_idle(page)


def steward_generates(page: Page, url: str) -> str:
    """Sign in, load the demo data, generate a privacy dataset with gaussian_copula; returns its label."""
    sign_in(page, url, "steward", "steward-demo")
    go(page, "Data")
    page.get_by_role("tab", name="Demo data").click()
    page.get_by_role("button", name="Load demo data").click()
    # The demo workspace already holds the demo table, so the page asks before making a copy.
    page.get_by_text("This table is already in the workspace").wait_for()
    page.get_by_role("button", name="Show the existing one").click()
    page.get_by_text(re.compile(r"Showing dataset #\d+")).wait_for()
    checked_shot(page, "flow_01_data")
    go(page, "Generate")
    choose(page, "Generator", "gaussian_copula")
    page.get_by_label("Rows to generate").fill("600")
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_test_id("stProgress").first.wait_for()  # the progress bar while it runs
    checked_shot(page, "flow_02_generating")
    done = page.get_by_text("Generated 1 dataset(s).")
    done.wait_for(timeout=180_000)
    heading = page.get_by_role("heading", name=re.compile(r"#\d+ .*privacy · gaussian_copula")).first
    checked_shot(page, "flow_03_generated")
    return heading.inner_text().split(" ")[0]  # e.g. "#7"


def download_report(page: Page) -> bytes:
    """The HTML report of the evaluation Compare shows, checked for size and raw JSON."""
    page.get_by_role("button", name="Prepare the report").click()
    download_button = page.get_by_role("button", name="Download the report (HTML, works offline)")
    download_button.wait_for(timeout=REPORT_BUILD_MS)
    wait_idle(page)
    with page.expect_download(timeout=60_000) as download:
        download_button.click()
    report = Path(download.value.path()).read_bytes()
    assert len(report) < REPORT_LIMIT, f"the report is {len(report):,} bytes"
    assert b'{"' not in report and b"<script" not in report
    return report


def steward_compares_and_opens_round(page: Page, url: str, dataset: str) -> None:
    go(page, "Compare")
    choose(page, "Dataset", f"{dataset} ")
    page.get_by_role("button", name="Evaluate now").click()
    page.get_by_text("Fidelity (overall)").wait_for(timeout=180_000)
    checked_shot(page, "flow_04_compare_scores")
    report = download_report(page)
    shoot_report(page.context.new_page(), report, "flow_04_report")
    page.get_by_role("tab", name="Columns").click()
    page.locator(".js-plotly-plot:visible").first.wait_for()
    checked_shot(page, "flow_05_compare_columns")
    go(page, "Review rounds")
    page.get_by_text("Open a new round").click()
    choose(page, "Synthetic dataset", f"{dataset} ")
    page.get_by_label("Tasks per batch").fill(str(PAIRS_PER_REVIEWER))
    page.get_by_role("button", name="Open round").click()
    page.get_by_text(re.compile(r"Round \d+ is open")).wait_for()
    checked_shot(page, "flow_06_round_open")


def reviewer_ranks(page: Page, url: str, username: str, round_label: str, flag_first: bool = False) -> None:
    """Answer every task of the first batch of the round by keyboard; optionally flag a row of the first."""
    sign_in(page, url, username, f"{username}-demo")
    go(page, "Review")
    choose(page, "Round", round_label)
    # A batch may hold gold tasks beside the round's own, so its size is read from the page, and
    # the whole first batch is answered (the model is fitted once a batch is complete).
    wait_idle(page)
    _done, batch = progress(page)
    # The round picker keeps the focus after a choice; a click on the page gives the keys back
    # to the task's shortcuts, as the README tells reviewers.
    page.get_by_text(PROGRESS).first.click()
    for number in range(batch):
        wait_for_task(page, number, batch)
        if flag_first and number == 0:
            flag_row(page, 1)
            page.get_by_text("Flagged as implausible: Row B").click()  # unfold reason and note
            note = page.get_by_label("Note (optional)").last
            note.fill("age and checks do not fit together")
            note.blur()  # keys go back to the page's shortcuts
            checked_shot(page, f"flow_07_{username}_flags")
        press_row(page, 0)
        if number < batch - 1:
            submit_timed(page, number, batch)
        else:
            # The last answer of the last reviewer opens the next batch, which changes the count
            # of assigned tasks, so the timed wait for "batch of batch" does not apply.
            page.keyboard.press("Enter")
    # The last answer of a batch opens the next one, so either the wait or a further task shows.
    page.get_by_text(
        re.compile(rf"You have answered all your tasks|{batch} of \d+ tasks answered")
    ).first.wait_for()
    checked_shot(page, f"flow_08_{username}_done")


def steward_accepts_and_inspects(page: Page, round_label: str, sample: int) -> None:
    """Read agreement, accept at the default threshold, and start a sampling inspection."""
    go(page, "Review rounds")
    choose(page, "Round", round_label)
    page.get_by_text("Krippendorff's alpha").wait_for()
    expect(page.get_by_text("Flags", exact=True)).to_be_visible()
    checked_shot(page, "flow_09_agreement")
    page.get_by_role("button", name="Apply acceptance").click()
    page.get_by_text(re.compile(r"Accepted rows kept as dataset #\d+")).wait_for()
    page.get_by_label("Sample size").fill(str(sample))
    page.get_by_role("button", name="Start sampling inspection").click()
    page.get_by_text("Inspection opened").wait_for()
    checked_shot(page, "flow_10_inspection_opened")


def reviewer_inspects(page: Page, url: str, username: str, sample: int) -> None:
    """Judge the whole sample, a screen of rows at a time: nothing starts as passed, so each screen
    is marked passing with the one deliberate action the page offers (recorded as such)."""
    sign_in(page, url, username, f"{username}-demo")
    go(page, "Inspect")
    done = page.get_by_text("No inspection is waiting for you.")
    for _ in range(-(-sample // 20) + 2):
        if done.count():
            break
        judged = page.get_by_text(re.compile(r"\d+/\d+ judged$")).last.inner_text()
        page.get_by_role("button", name="Mark every row left unjudged on this screen as passing").click()
        expect(page.get_by_text(judged, exact=True)).to_have_count(0, timeout=60_000)
        wait_idle(page)
    done.wait_for()
    checked_shot(page, "flow_11_inspected")


def steward_documents(page: Page) -> None:
    """Write the sign-off documentation (the suggestions, reviewed and kept)."""
    go(page, "Sign-off")
    page.get_by_role("tab", name="Documentation").click()
    page.get_by_role("button", name="Save documentation").click()
    page.get_by_text("Documentation saved.").wait_for()
    checked_shot(page, "flow_12_documented")


def officer_signs(page: Page, url: str) -> None:
    sign_in(page, url, "officer", "officer-demo")
    go(page, "Sign-off")
    page.get_by_text("The six norms").wait_for()
    checked_shot(page, "flow_13_checklist")
    page.get_by_role("tab", name="Verdict").click()
    page.get_by_text("Approve", exact=True).click()
    override = page.get_by_label("Override justification (only to approve despite a blocking item)")
    if override.count():
        override.fill("Reviewed the blocking items with the data board; accepted for fine-tuning only.")
    page.get_by_label("Your password, to confirm it is you").fill("officer-demo")
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_text("Signed.").wait_for()
    checked_shot(page, "flow_14_signed")


def steward_downloads_bundle(page: Page, target) -> None:
    go(page, "Export")
    page.get_by_role("button", name="Prepare the bundle").click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"^Download ")).click()
    download.value.save_as(target)
    checked_shot(page, "flow_15_exported")
