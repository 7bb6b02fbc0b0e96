"""Driving the Review page by keyboard alone, as a reviewer does; shared by the browser test and
``benchmarks/bench_next_task.py``.

Every step presses a key and then waits for what the reviewer would see change (a pressed
button, the order line, the next task's count), so no step races the page.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

LETTERS = "ABCDE"
PROGRESS = re.compile(r"(\d+) of (\d+) tasks answered")
# Installed once per page: remembers when a key went down, and when the progress line and the
# end of the run show the count the next task must have.
_TIMER = """
() => {
  if (window.__srTimer) return;
  window.__srTimer = {t0: null, t1: null, expected: null};
  window.addEventListener('keydown', () => {
    if (window.__srTimer.expected && window.__srTimer.t0 === null) window.__srTimer.t0 = performance.now();
  }, {capture: true});
  const check = () => {
    const timer = window.__srTimer;
    if (timer.t0 === null || timer.t1 !== null) return;
    const idle = document.querySelector('[data-test-script-state=notRunning]');
    const shown = [...document.querySelectorAll('[data-testid=stProgress]')].some(
      e => e.textContent.includes(timer.expected));
    if (idle && shown) timer.t1 = performance.now();
  };
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true,
    characterData: true, attributes: true});
}
"""


def progress(page: Page) -> tuple[int, int]:
    """(answered, assigned) read from the progress line."""
    text = page.get_by_text(PROGRESS).first.inner_text()
    done, assigned = PROGRESS.search(text).groups()
    return int(done), int(assigned)


def wait_for_task(page: Page, done: int, assigned: int) -> None:
    expect(page.get_by_text(re.compile(rf"\b{done} of {assigned} tasks answered"))).to_be_visible()
    page.locator("[data-test-script-state=notRunning]").wait_for(state="attached")


def press_row(page: Page, position: int) -> None:
    """Pick (pairwise) the row at ``position``: its button turns primary."""
    page.keyboard.press(str(position + 1))
    expect(page.locator(f".st-key-review_row_{position} [data-testid=stBaseButton-primary]")).to_be_visible()


def place_rows(page: Page, order: list[int]) -> None:
    """Listwise: press the rows' numbers in order; the last is placed by itself."""
    for count, position in enumerate(order[:-1], start=1):
        page.keyboard.press(str(position + 1))
        shown = " › ".join(f"Row {LETTERS[p]}" for p in order[: count if count < len(order) - 1 else None])
        expect(page.get_by_text(f"Your order: {shown}", exact=False)).to_be_visible()


def flag_row(page: Page, position: int) -> None:
    """``F`` then the row's number: the row is flagged with the default reason."""
    page.keyboard.press("f")
    expect(page.get_by_text("Press the number of the row to flag")).to_be_visible()
    page.keyboard.press(str(position + 1))
    expect(
        page.get_by_text(re.compile(rf"Flagged as implausible: .*Row {LETTERS[position]}"))
    ).to_be_visible()


def submit_timed(page: Page, done: int, assigned: int) -> float:
    """Press Enter and return the seconds until the next task's count shows and the run ended."""
    page.evaluate(_TIMER)
    page.evaluate(
        "(e) => { Object.assign(window.__srTimer, {t0: null, t1: null, expected: e}); }",
        f"{done + 1} of {assigned} tasks answered",
    )
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__srTimer.t1 !== null", timeout=60_000)
    return page.evaluate("() => (window.__srTimer.t1 - window.__srTimer.t0) / 1000")


def assert_fits(page: Page, height: int = 900) -> None:
    """Nothing scrolled, and the whole answer bar (Submit included) is on screen."""
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop") == 0
    box = page.locator(".st-key-review_submit button").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box
