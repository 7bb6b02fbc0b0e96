"""Time each page's script run on the server, and count its SQL statements, as a signed-in user.

The browser's figures (``bench_ui.py``) move with the machine's load; the server's share of a
click moves less, and tells which page does too much. This runs ``app.py`` with Streamlit's
``AppTest`` on a demo workspace (seeded once, as ``make run`` does), signed in as each demo
role in turn, and prints for every page the role may open:

* **first**: the first run of the page in a fresh interpreter that has drawn only Home, so
  the page's own imports and first-use caches are paid here (``--cold``: one subprocess per
  page; otherwise pages share one interpreter per role and the order matters);
* **again**: the median of ``--repeat`` further runs of the same page (what each click costs);
* **SQL**: statements sent to the database by one such run.

``AppTest`` runs a switched-to page's file by itself, so the figures are the page's own script
(which checks its visitor's session, as every page does), not the router's sidebar around it.
The running server logs the same per page at DEBUG (``ui/page_timing.py``).

    flock /tmp/heavy.lock nice -n 5 .venv/bin/python benchmarks/bench_pages.py [--cold] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

ROLES = ("steward", "reviewer", "officer", "admin")


class StatementCounter:
    """Counts the statements every SQLAlchemy engine of this process sends."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.count = 0
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.count += 1


def measure(role: str, pages: list[str] | None, repeat: int) -> list[dict]:
    """Runs in the interpreter that measures: Home once, then each page first and again."""
    from streamlit.testing.v1 import AppTest

    from reviews.workspace.permissions import Actor
    from tests.support.sessions import sign_in_app
    from ui.navigation import visible_pages

    counter = StatementCounter()
    actor = Actor(role, "reviewer" if role.startswith("reviewer") else role)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    sign_in_app(at, actor)
    at.run()  # Home: the sign-in path's imports and the store are paid before any page is timed
    wanted = pages or [path for path, *_rest in visible_pages(actor)]
    results = []
    for path in wanted:
        at.switch_page(path)
        runs, statements = [], []
        for _ in range(1 + repeat):
            before = counter.count
            start = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - start)
            statements.append(counter.count - before)
        errors = [str(e.value) for e in at.exception]
        results.append(
            {
                "role": role,
                "page": path,
                "first": runs[0],
                "again": statistics.median(runs[1:]) if repeat else None,
                "sql_first": statements[0],
                "sql_again": statistics.median(statements[1:]) if repeat else None,
                "errors": errors,
            }
        )
    return results


def child(role: str, pages: list[str] | None, repeat: int) -> list[dict]:
    command = [sys.executable, __file__, "--child", role, "--repeat", str(repeat)]
    if pages:
        command += ["--pages", *pages]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"measuring {role} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs after the first (default 5)")
    parser.add_argument("--cold", action="store_true", help="each page first in its own fresh interpreter")
    parser.add_argument("--roles", nargs="*", default=list(ROLES))
    parser.add_argument("--pages", nargs="*", help="only these pages (e.g. pages/compare.py)")
    parser.add_argument("--home", help="an already seeded demo workspace (default: seed a fresh one)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.pages, args.repeat)))
        return
    home = Path(args.home or tempfile.mkdtemp(prefix="bench-pages-"))
    os.environ.update({"SYNTHREVIEW_HOME": str(home), "SYNTHREVIEW_DEMO": "1", "SYNTHREVIEW_WORKER": "off"})
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_ARTIFACTS"):
        os.environ.pop(name, None)
    if not args.home:
        subprocess.run([sys.executable, "-m", "reviews.workspace.prepare"], cwd=ROOT, check=True)
    print(f"load average before: {os.getloadavg()[0]:.1f} (1 min)", flush=True)
    results = []
    for role in args.roles:
        if args.cold:
            from reviews.workspace.permissions import Actor
            from ui.navigation import visible_pages

            paths = args.pages or [p for p, *_r in visible_pages(Actor(role, role))]
            for path in paths:
                results += child(role, [path], args.repeat)
        else:
            results += child(role, args.pages, args.repeat)
    print("\n| role | page | first s | again s | SQL first | SQL again |\n|---|---|---|---|---|---|")
    for r in results:
        again = "–" if r["again"] is None else f"{r['again']:.3f}"
        note = f" ({'; '.join(r['errors'])[:80]})" if r["errors"] else ""
        print(
            f"| {r['role']} | {r['page']}{note} | {r['first']:.3f} | {again} | {r['sql_first']} | "
            f"{r['sql_again'] if r['sql_again'] is not None else '–'} |"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.1f} (1 min)")


if __name__ == "__main__":
    main()
