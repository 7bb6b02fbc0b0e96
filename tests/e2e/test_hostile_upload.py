"""In a real browser: the security review's Excel shared-strings bomb, uploaded on the Data page,
is refused with the message naming the limit and how to raise it, and nothing is kept."""

from __future__ import annotations

import pytest

from reviews.queries.datasets import list_datasets
from synth.intake.limits import ENV_CELL
from tests.e2e.conftest import served_store, shot, sign_in
from tests.e2e.flow import go, wait_idle
from tests.support.hostile_files import shared_strings_workbook

pytestmark = pytest.mark.e2e


def _kept(store) -> tuple[list[int], list[str]]:
    root = store.artifact_root
    files = sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return [d.id for d in list_datasets(store)], files


def test_excel_shared_strings_bomb_is_refused_and_nothing_is_kept(app_server, new_page, tmp_path):
    bomb = shared_strings_workbook(
        tmp_path / "bomb.xlsx", string_chars=200 * 1024 * 1024, referencing_rows=20
    )
    store = served_store(app_server)
    before = _kept(store)

    page = new_page()
    sign_in(page, app_server, "steward", "steward-demo")
    go(page, "Data")
    page.locator("input[type=file]").set_input_files(str(bomb))
    page.get_by_text("bomb.xlsx").wait_for()  # uploads are asynchronous: submit once it arrived
    wait_idle(page)
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_test_id("stAlert").filter(has_text="The file cannot be used")
    alert.wait_for(timeout=120_000)
    shot(page, "hostile_01_excel_bomb_refused")

    message = alert.inner_text()
    assert "holds more than 1000000 characters" in message and ENV_CELL in message
    assert "sharedStrings.xml" in message
    assert page.get_by_text("Imported and profiled.").count() == 0
    assert _kept(store) == before
