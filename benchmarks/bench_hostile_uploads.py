"""The server under the security review's hostile uploads (run by hand, in a real browser).

Serves ``app.py`` with ``streamlit run`` on a fresh workspace (an admin, a steward and a
reviewer), builds the hostile files of ``tests/support/hostile_files.py``, and uploads each one
on the Data page as the steward, in Chromium. Meanwhile:

- a thread samples the resident memory of the server's process tree every 50 ms (``/proc``);
- a second user, the reviewer, in a browser of their own, opens the sign-in form and signs in
  to Home over and over, and each load is timed;
- another thread times the server's health endpoint every 250 ms: a server whose event loop is
  blocked answers it late, whatever the browser is doing.

For each file it prints the server's peak memory, the second user's slowest sign-in form and
Home, how long the upload took to be answered, and the message the steward saw. The last line
gives the server's own high-water mark (``VmHWM``) over the whole run, which no sampling can miss.

    flock /tmp/heavy.lock nice -n 10 .venv/bin/python benchmarks/bench_hostile_uploads.py
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviews.store import open_store  # noqa: E402
from reviews.workspace.config import Settings  # noqa: E402
from reviews.workspace.permissions import SYSTEM  # noqa: E402
from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, sign_in  # noqa: E402
from tests.e2e.flow import go, wait_idle  # noqa: E402
from tests.support.hostile_files import probe_files  # noqa: E402
from tests.support.served_app import served_app  # noqa: E402

STEWARD = ("steward", "steward-bench-pass-1")
SECOND_USER = ("reviewer", "reviewer-bench-pass-1")
SAMPLE_SECONDS = 0.05
HEALTH_SECONDS = 0.25
MIN_SECOND_USER_LOADS = 2  # each file's window stays open until the second user loaded this often


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _status_kb(current, "VmRSS")
        todo.extend(_children(current))
    return total / 1024


@dataclass
class Samples:
    """What the background threads saw, stamped with ``time.monotonic()``."""

    rss: list[tuple[float, float]] = field(default_factory=list)
    loads: list[tuple[float, float, float]] = field(default_factory=list)  # start, form s, Home s
    health: list[tuple[float, float]] = field(default_factory=list)  # start, seconds to answer
    errors: list[str] = field(default_factory=list)


def sample_memory(pid: int, samples: Samples, stop: threading.Event) -> None:
    while not stop.is_set():
        samples.rss.append((time.monotonic(), tree_rss_mb(pid)))
        stop.wait(SAMPLE_SECONDS)


def time_health(url: str, samples: Samples, stop: threading.Event) -> None:
    while not stop.is_set():
        start = time.monotonic()
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=60).read()
        except OSError as exc:
            samples.errors.append(f"health: {exc}")
        samples.health.append((start, time.monotonic() - start))
        stop.wait(HEALTH_SECONDS)


def second_user(url: str, samples: Samples, stop: threading.Event) -> None:
    """Open the sign-in form and sign in to Home, in a fresh session each time, until stopped."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        while not stop.is_set():
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            page.set_default_timeout(120_000)
            try:
                start = time.monotonic()
                page.goto(url)
                page.get_by_role("textbox", name="Username").wait_for()
                form = time.monotonic()
                page.get_by_role("textbox", name="Username").fill(SECOND_USER[0])
                page.get_by_role("textbox", name="Password").fill(SECOND_USER[1])
                clicked = time.monotonic()
                page.get_by_role("button", name="Sign in").click()
                page.get_by_role("button", name="Sign out").wait_for()
                page.locator("[data-test-script-state=notRunning]").wait_for(state="attached")
                samples.loads.append((start, form - start, time.monotonic() - clicked))
            except Exception as exc:  # a timeout is a result too: report it, keep measuring
                samples.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            finally:
                context.close()
        browser.close()


def prepare_workspace(home: Path) -> dict[str, str]:
    """An empty workspace with an admin, the steward and the second user; returns the server's env."""
    url = f"sqlite:///{home / 'synthreview.db'}"
    store = open_store(Settings(home, url, home / "artifacts", 200 * 1024 * 1024, False))
    store.create_first_admin("admin", "admin-bench-pass-1")
    store.create_user(SYSTEM, *STEWARD, "steward")
    store.create_user(SYSTEM, *SECOND_USER, "reviewer")
    store.engine.dispose()
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home), "SYNTHREVIEW_DATABASE_URL": url}
    env.update(PYTHONUNBUFFERED="1", SYNTHREVIEW_DEMO="0")
    env.pop("SYNTHREVIEW_WORKER", None)
    return env


def upload(page, path: Path) -> tuple[float, str]:
    """Upload ``path`` on the Data page and import it; returns seconds to the answer and its text."""
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text(path.name).first.wait_for(timeout=600_000)  # the upload reached the server
    wait_idle(page)
    start = time.monotonic()
    page.get_by_role("button", name="Import").click()
    refused = page.get_by_test_id("stAlert").filter(has_text="cannot be used")
    accepted = page.get_by_text("Imported and profiled.")
    refused.or_(accepted).first.wait_for(timeout=600_000)
    seconds = time.monotonic() - start
    text = refused.inner_text() if refused.count() else accepted.inner_text()
    return seconds, " ".join(text.split())


def window(samples: Samples, start: float) -> None:
    """Keep the window open until the second user has loaded the pages a few times since ``start``."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if sum(1 for s, _, _ in samples.loads if s >= start) >= MIN_SECOND_USER_LOADS:
            return
        time.sleep(0.5)


def report_row(name: str, size: int, samples: Samples, start: float, end: float, answer: str) -> str:
    rss = [mb for t, mb in samples.rss if start <= t <= end]
    loads = [(f, h) for s, f, h in samples.loads if start <= s <= end]
    form = max((f for f, _ in loads), default=float("nan"))
    home = max((h for _, h in loads), default=float("nan"))
    health = max((h for s, h in samples.health if start <= s <= end), default=float("nan"))
    before = next((mb for t, mb in reversed(samples.rss) if t < start), float("nan"))
    return (
        f"| {name} | {size / 1024:,.0f} KB | {before:,.0f} | {max(rss, default=float('nan')):,.0f} | "
        f"{form:.2f} | {home:.2f} | {len(loads)} | {health:.3f} | {answer} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="upload only the files whose description contains this text")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {n: p for n, p in probe_files(folder).items() if not args.only or args.only in n}
        home = folder / "home"
        home.mkdir()
        env = prepare_workspace(home)
        print(f"load average at the start: {Path('/proc/loadavg').read_text().split()[:3]}\n")
        with served_app(env, home / "server.log") as (url, pid):
            samples, stop = Samples(), threading.Event()
            threads = [
                threading.Thread(target=sample_memory, args=(pid, samples, stop), daemon=True),
                threading.Thread(target=second_user, args=(url, samples, stop), daemon=True),
                threading.Thread(target=time_health, args=(url, samples, stop), daemon=True),
            ]
            for thread in threads:
                thread.start()
            print(
                "| file | size | server MB before | server peak MB | 2nd user: sign-in form max s "
                "| 2nd user: Home max s | 2nd user loads | health max s | steward saw (after s) |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            window(samples, time.monotonic())  # warm-up: the first session imports the pages
            idle = time.monotonic()
            window(samples, idle)
            print(report_row("(no upload: idle server)", 0, samples, idle, time.monotonic(), "—"), flush=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
                for name, path in files.items():
                    context = browser.new_context(viewport={"width": 1440, "height": 900})
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    sign_in(page, url, *STEWARD)
                    go(page, "Data")
                    start = time.monotonic()
                    try:
                        seconds, text = upload(page, path)
                        answer = f"({seconds:.1f} s) {text}"
                    except Exception as exc:
                        answer = f"no answer: {type(exc).__name__}: {str(exc)[:120]}"
                    window(samples, start)
                    size = path.stat().st_size
                    print(report_row(name, size, samples, start, time.monotonic(), answer), flush=True)
                    context.close()
                browser.close()
            hwm = _status_kb(pid, "VmHWM") / 1024
            stop.set()
            for thread in threads:
                thread.join(timeout=180)
        print(f"load average at the end: {Path('/proc/loadavg').read_text().split()[:3]}")
        print(f"\nserver process high-water mark over the whole run (VmHWM): {hwm:,.0f} MB")
        print(f"second user's page loads that failed or timed out: {len(samples.errors)}")
        for error in samples.errors[:5]:
            print("  " + error)


if __name__ == "__main__":
    main()
