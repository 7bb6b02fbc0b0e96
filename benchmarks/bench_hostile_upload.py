"""The security review's hostile files uploaded through the running app (run by hand).

For each file a steward uploads it on the Data page of a freshly started demo server while a
second visitor opens the sign-in page. It reports the server's peak resident memory while the
file is handled (sampled every 50 ms from /proc), how long the refusal took, and how long the
second visitor waited for the sign-in form. Needs Debian's Chromium at /usr/bin/chromium.

    .venv/bin/python benchmarks/bench_hostile_upload.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_intake_bounds import _files  # noqa: E402

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children, in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _sample(pid: int, peak: list[float], done: threading.Event) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], _rss_mb(pid))
        time.sleep(0.05)


def _serve(home: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home), "SYNTHREVIEW_DEMO": "1"}
    env.pop("SYNTHREVIEW_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "reviews.workspace.prepare"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the app did not start")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        folder = Path(tmp)
        process, url = _serve(folder / "home")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        print(f"server at rest: {_rss_mb(process.pid):.0f} MB")
        print("| file | size | refused after (s) | server peak MB | second visitor's sign-in form (s) |")
        print("|---|---|---|---|---|")
        try:
            for name, path in _files(folder).items():
                steward = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
                steward.set_default_timeout(600_000)
                steward.goto(url)
                steward.get_by_role("textbox", name="Username").fill("steward")
                steward.get_by_role("textbox", name="Password").fill("steward-demo")
                steward.get_by_role("button", name="Sign in").click()
                steward.get_by_role("link", name="Data").click()
                steward.locator("input[type=file]").set_input_files(str(path))
                steward.get_by_text(path.name).wait_for()
                peak, done = [0.0], threading.Event()
                sampler = threading.Thread(target=_sample, args=(process.pid, peak, done))
                sampler.start()
                started = time.perf_counter()
                steward.get_by_role("button", name="Import").click()
                visitor = browser.new_context().new_page()
                opened = time.perf_counter()
                visitor.goto(url)
                visitor.get_by_role("textbox", name="Username").wait_for(timeout=600_000)
                second = time.perf_counter() - opened
                steward.get_by_text("The file cannot be used").wait_for()
                refused = time.perf_counter() - started
                done.set()
                sampler.join()
                size = path.stat().st_size / 1024 / 1024
                print(f"| {name} | {size:.1f} MB | {refused:.1f} | {peak[0]:.0f} | {second:.1f} |")
                steward.context.close()
                visitor.context.close()
        finally:
            browser.close()
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
