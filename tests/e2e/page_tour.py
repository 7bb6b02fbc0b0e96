"""A tour of every page and every tab on it, in English and in Chinese, with a checked screenshot
of each (tests/e2e/artifacts/tour_*.png), to look at as a reader would at 1440×900."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.e2e.flow import DATA_COLUMNS, checked_shot, choose, download_report, go, wait_idle

LANGUAGE_LABEL = {"en": "Language", "zh": "语言"}
LANGUAGE_NAME = {"en": "English", "zh": "简体中文"}
# What a signed-in sidebar shows in each language, to know the switch has taken effect.
SIGN_OUT = {"en": "Sign out", "zh": "退出登录"}
# Pages only one role opens; the steward's tour covers the others.
_NAV_LINKS = "[data-testid=stSidebarNav] a"
ROLE_PAGES = {"reviewer": ("review",), "officer": ("signoff", "grants"), "admin": ("settings", "users")}


def switch_language(page: Page, current: str, wanted: str) -> None:
    """Switch the signed-in user's language in the sidebar (the choice is kept with the user)."""
    if current != wanted:
        choose(page, LANGUAGE_LABEL[current], LANGUAGE_NAME[wanted])
        page.get_by_role("button", name=SIGN_OUT[wanted]).wait_for()


def nav_paths(page: Page) -> list[str]:
    """The url paths of the pages in the sidebar, in their order ("" for the first, at the root)."""
    links = page.locator(_NAV_LINKS)
    links.first.wait_for()
    hrefs = links.evaluate_all("ls => ls.map(l => new URL(l.href).pathname)")
    return [href.strip("/") for href in hrefs]


def open_page(page: Page, path: str) -> None:
    page.locator(_NAV_LINKS).nth(nav_paths(page).index(path)).click()
    wait_idle(page)


def shoot_page_and_tabs(page: Page, name: str) -> None:
    """Screenshot the page as it opens, then each further tab of its main area (some tabs switch
    in the browser; Compare's draw their content in a rerun when chosen)."""
    page.wait_for_timeout(500)  # tables and charts draw themselves after the run ends
    checked_shot(page, name, whole=True)
    tabs = page.locator("[data-testid=stMain] [role=tab]")
    for number in range(1, tabs.count()):
        tabs.nth(number).click()
        wait_idle(page)  # a tab may run the page again to draw what it holds
        page.wait_for_timeout(400)  # charts in a newly shown tab draw themselves
        checked_shot(page, f"{name}_tab{number}", whole=True)


def tour(page: Page, prefix: str, paths: list[str] | None = None) -> list[str]:
    """Visit ``paths`` (default: every page in the sidebar) and shoot each; returns the paths."""
    paths = paths or nav_paths(page)
    for number, path in enumerate(paths, 1):
        open_page(page, path)
        shoot_page_and_tabs(page, f"{prefix}_{number:02d}_{path or 'home'}")
    return paths


def tour_as(page: Page, url: str, username: str, prefix: str, paths: list[str] | None = None) -> None:
    """Sign in as ``username`` and tour in English, then in Chinese; leaves the user on English."""
    sign_in(page, url, username, f"{username}-demo")
    tour(page, f"{prefix}_en_{username}", paths)
    switch_language(page, "en", "zh")
    tour(page, f"{prefix}_zh_{username}", paths)
    switch_language(page, "zh", "en")


def screen_from(page: Page, text: str, name: str) -> None:
    """Shoot one 1440×900 screen scrolled so that ``text`` is at its top (the README's pictures)."""
    page.get_by_text(text, exact=True).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def import_file(page: Page, path: Path) -> None:
    """Upload the CSV file ``path`` on the Data page and wait for its profile."""
    DATA_COLUMNS.update(path.read_text().splitlines()[0].split(","))
    go(page, "Data")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for()  # uploads are asynchronous: submit once it arrived
    wait_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("Imported and profiled.").wait_for(timeout=120_000)
    wait_idle(page)


def generate_from(page: Page, source: str, rows: int) -> str:
    """Generate a privacy dataset from the source whose label contains ``source``; returns "#N "."""
    go(page, "Generate")
    choose(page, "Source table", source)
    choose(page, "Generator", "gaussian_copula")
    page.get_by_label("Rows to generate").fill(str(rows))
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("Generated 1 dataset(s).").wait_for(timeout=180_000)
    heading = page.get_by_role("heading", name=re.compile(r"#\d+ .*gaussian_copula")).first
    return heading.inner_text().split(" ")[0] + " "


def evaluate(page: Page, dataset: str) -> bytes:
    """Evaluate ``dataset`` on Compare and return its HTML report, checked for size and raw JSON."""
    go(page, "Compare")
    choose(page, "Dataset", dataset)
    page.get_by_role("button", name="Evaluate now").click()
    page.get_by_text("Fidelity (overall)").wait_for(timeout=180_000)
    wait_idle(page)
    return download_report(page)
