"""A new tab of a visited browser: SynthReview's sign-in form against a bare Streamlit page.

Streamlit draws every page in the browser from its front end (about 2.8 MB of JavaScript,
cached after the first visit), so a new tab waits for that front end to start, a websocket
and the script's first run. The peer is a Streamlit page with nothing but a title and the
same two text boxes, served the same way by the same Streamlit, so the difference is what
SynthReview adds; a second peer adds a sidebar like SynthReview's (the demo notice and the
language box, wide layout), which tells Streamlit's share of that difference. All run in one
Chromium, one server after the other, on a demo workspace.

    flock /tmp/heavy.lock .venv/bin/python benchmarks/bench_new_tab.py [--tabs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from benchmarks.bench_ui import free_port, start_server  # noqa: E402
from tests.support.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402

TIMEOUT_MS = 120_000
BARE_PAGE = """import streamlit as st

st.title("Sign in")
st.text_input("Username")
st.text_input("Password", type="password")
"""
SIDEBAR_PAGE = """import streamlit as st

st.set_page_config(page_title="Sign in", layout="wide")
st.sidebar.info("Demo workspace: the data and users here are for demonstration only.")
st.sidebar.selectbox("Language", ["English", "中文"])
st.title("Sign in")
st.text_input("Username")
st.text_input("Password", type="password")
"""


def new_tab_seconds(browser, url: str, tabs: int) -> list[float]:
    """Time to the Username box in each new tab, after one visit has filled the browser's cache."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    first = context.new_page()
    first.goto(url)
    first.get_by_role("textbox", name="Username").wait_for(timeout=TIMEOUT_MS)
    seconds = []
    for _ in range(tabs):
        tab = context.new_page()
        start = time.perf_counter()
        tab.goto(url)
        tab.get_by_role("textbox", name="Username").wait_for(timeout=TIMEOUT_MS)
        seconds.append(time.perf_counter() - start)
        tab.close()
    context.close()
    return seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        pages = {"bare Streamlit page": BARE_PAGE, "bare page with a sidebar": SIDEBAR_PAGE}
        folders = {}
        for number, (name, script) in enumerate(pages.items()):
            folders[name] = Path(scratch) / f"page-{number}"
            folders[name].mkdir()
            (folders[name] / "app.py").write_text(script, encoding="utf-8")
        folders["SynthReview sign-in"] = ROOT
        env = {**os.environ, "SYNTHREVIEW_HOME": str(Path(scratch) / "home"), "SYNTHREVIEW_DEMO": "1"}
        subprocess.run(
            [sys.executable, "-m", "reviews.workspace.prepare"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for name, folder in folders.items():
                port = free_port()
                server = start_server(env, port, Path(scratch) / f"server-{port}.log", app_folder=folder)
                try:
                    results[name] = new_tab_seconds(browser, f"http://127.0.0.1:{port}", args.tabs)
                finally:
                    server.terminate()
                    server.wait(timeout=30)
            browser.close()
    for name, seconds in results.items():
        runs = " / ".join(f"{value:.2f}" for value in seconds)
        print(f"{name}: median {statistics.median(seconds):.2f} s ({runs})")


if __name__ == "__main__":
    main()
