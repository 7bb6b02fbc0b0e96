"""In a real browser: every request the page makes stays on this machine, on the path sign-in →
Data (an upload whose column name is a Markdown image pointing elsewhere) → Generate → Compare."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import shot
from tests.e2e.flow import choose, go, steward_generates, wait_idle

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
BEACON = "![x](http://beacon.example/beacon.png)"


def _external(urls: list[str]) -> list[str]:
    outside = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            outside.append(url)
    return outside


def test_no_request_leaves_the_machine(app_server, new_page, tmp_path):
    page = new_page()
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))

    label = steward_generates(page, app_server)  # sign-in, Data (demo), Generate

    go(page, "Data")
    rows = "\n".join(f"{i},{'abc'[i % 3]},{20 + i}" for i in range(40))
    upload = tmp_path / "beacon.csv"
    upload.write_text(f'id,"{BEACON}",age\n{rows}\n', encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("beacon.csv").wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported and profiled.").wait_for(timeout=120_000)
    choose(page, "Show the profile of", "beacon")
    choose(page, "Look at one column", "beacon")
    # the column name is shown, as text (the first matches sit in the data grid's hidden cells)
    page.get_by_text(BEACON).filter(visible=True).first.wait_for()
    shot(page, "no_external_01_beacon_column")

    go(page, "Compare")
    choose(page, "Dataset", f"{label} ")
    page.get_by_role("button", name="Evaluate now").click()
    page.get_by_text("Fidelity (overall)").wait_for(timeout=180_000)
    page.get_by_role("tab", name="Columns").click()
    page.locator(".js-plotly-plot:visible").first.wait_for()
    wait_idle(page)
    shot(page, "no_external_02_compare")

    images = page.eval_on_selector_all("img", "elements => elements.map(e => e.src)")
    assert not _external(images), _external(images)
    assert requested, "the request log is empty: the listener did not run"
    assert not _external(requested), sorted(set(_external(requested)))
