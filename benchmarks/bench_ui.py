"""Time what a new user waits for in the browser, against a freshly started ``make run``-style server.

Each round seeds nothing new: the demo workspace is prepared once (timed, as ``make run`` does
it), then every round starts the server afresh on it (``python -m streamlit run app.py`` with the
project's ``.streamlit/config.toml``, as ``make run`` does), and opens fresh browser contexts
(fresh sessions) in Debian's Chromium:

* the first visitor after the server starts: time to the sign-in form;
* new tabs of that first visitor's browser (its cache warm, no one signed in): time to the form;
* later visitors (a steward, then a reviewer): time to the sign-in form, sign-in to Home;
* the steward switches to Data, Generate, Compare, Review rounds and Sign-off;
* the reviewer opens Review, picks row A and submits: time until the next task is on screen.

A step ends when its page's content is on screen and the app has finished running the script.
Prints the median and p95 of each step over the rounds' sessions.

    flock /tmp/heavy.lock .venv/bin/python benchmarks/bench_ui.py [--rounds 5] [--later 2]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from tests.support.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.served_app import streamlit_command  # noqa: E402

TIMEOUT_MS = 180_000
STEWARD_PAGES = (
    ("Data", "Data"),
    ("Generate", "Generate synthetic data"),
    ("Compare", "Compare real and synthetic"),
    ("Review rounds", "Review rounds"),
    ("Sign-off", "Sign-off"),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, port: int, log: Path, app_folder: Path = ROOT) -> subprocess.Popen:
    """``app.py`` of ``app_folder`` served on ``port``, once it answers its health check."""
    process = subprocess.Popen(
        streamlit_command(port), cwd=app_folder, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start; see {log}")


def settled(page) -> None:
    """The app has finished running its script (what is on screen is the final page)."""
    page.locator("[data-test-script-state=notRunning]").wait_for(state="attached", timeout=TIMEOUT_MS)


def timed(record: list, action, until) -> None:
    start = time.perf_counter()
    action()
    until()
    record.append(time.perf_counter() - start)


def open_form(page, url: str, record: list) -> None:
    def until() -> None:
        page.get_by_role("textbox", name="Username").wait_for(timeout=TIMEOUT_MS)

    timed(record, lambda: page.goto(url), until)


def sign_in(page, username: str, password: str, record: list) -> None:
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password)

    def until() -> None:
        page.get_by_role("heading", name="SynthReview", exact=True).wait_for(timeout=TIMEOUT_MS)
        settled(page)

    timed(record, lambda: page.get_by_role("button", name="Sign in").click(), until)


def switch(page, link: str, heading: str, record: list) -> None:
    def until() -> None:
        page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=TIMEOUT_MS)
        settled(page)

    timed(record, lambda: page.get_by_role("link", name=link, exact=True).click(), until)


def submit_answer(page, record: list) -> None:
    """Row A is more plausible, then Submit; ends when another task (or the end) is shown."""
    label = page.get_by_text(re.compile(r"^Task \d+ · "))
    label.wait_for(timeout=TIMEOUT_MS)
    settled(page)
    task = label.inner_text().split(" · ")[0]
    page.locator(".st-key-review_row_0 button").click()
    settled(page)

    def until() -> None:
        page.wait_for_function(
            "t => ![...document.querySelectorAll('p')].some(p => p.innerText.startsWith(t + ' · '))",
            arg=task,
            timeout=TIMEOUT_MS,
        )
        settled(page)

    timed(record, lambda: page.locator(".st-key-review_submit button").click(), until)


def one_round(browser, env: dict, home: Path, times: dict, later: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(env, port, home / f"server-{port}.log")
    contexts = []

    def fresh_page():
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
        contexts.append(context)
        return context.new_page()

    try:
        first = fresh_page()
        open_form(first, url, times["sign-in form, first visitor"])
        for _ in range(3):  # a new tab of the same browser: what a returning person opens
            tab = first.context.new_page()
            open_form(tab, url, times["sign-in form, new tab of a visited browser"])
            tab.close()
        for _ in range(later):
            page = fresh_page()
            open_form(page, url, times["sign-in form, later visitor"])
            sign_in(page, "steward", "steward-demo", times["sign-in to Home"])
            for link, heading in STEWARD_PAGES:
                switch(page, link, heading, times[f"switch to {link}"])
        page = fresh_page()
        open_form(page, url, times["sign-in form, later visitor"])
        sign_in(page, "reviewer", "reviewer-demo", times["sign-in to Home"])
        switch(page, "Review", "Review synthetic rows", times["switch to Review"])
        submit_answer(page, times["review answer to next task"])
    finally:
        for context in contexts:
            context.close()
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh server starts (default 5)")
    parser.add_argument("--later", type=int, default=2, help="steward sessions per round (default 2)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home), "SYNTHREVIEW_DEMO": "1", "PYTHONUNBUFFERED": "1"}
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_WORKER", "SYNTHREVIEW_ARTIFACTS"):
        env.pop(name, None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reviews.workspace.prepare"], cwd=ROOT, env=env, check=True)
    print(f"demo seeding (python -m reviews.workspace.prepare): {time.perf_counter() - start:.2f} s")
    times: dict[str, list] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            for number in range(args.rounds):
                try:
                    one_round(browser, env, home, times, args.later)
                except Exception as exc:  # report what was measured, and what broke
                    print(f"round {number + 1} stopped early: {type(exc).__name__}: {exc}", flush=True)
                print(f"round {number + 1}/{args.rounds} done", flush=True)
        finally:
            browser.close()
    print("\n| step | n | median s | p95 s |\n|---|---|---|---|")
    for step, values in times.items():
        print(f"| {step} | {len(values)} | {np.median(values):.2f} | {np.percentile(values, 95):.2f} |")
    print(f"\nserver logs: {home}")


if __name__ == "__main__":
    main()
