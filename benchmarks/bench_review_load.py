"""Ten reviewers working at once: time from pressing "Submit" to seeing the next task.

Each session is the real app (``app.py``, through Streamlit's AppTest) in a process of its
own, signed in as its own reviewer, on one shared workspace: a SQLite file by default, or a
PostgreSQL database with ``--database-url``. One timed step is a click on "Submit"
followed by the full rerun that stores the answer and renders the next task with its context.

Peer: the same step with one session alone on the workspace, timed in the same run first.
The ratio (10 sessions / 1 session) shows what contention for the database and the CPU costs.

    .venv/bin/python benchmarks/bench_review_load.py [--sessions 10] [--tasks 10]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

With --database-url the script creates a fresh database beside the one named and drops it.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

SOLO_TASKS = 5
logging.getLogger("streamlit").setLevel(logging.ERROR)  # "missing ScriptRunContext" outside a session


def _workspace_env(home: Path, url: str) -> dict[str, str]:
    return {
        "SYNTHREVIEW_HOME": str(home),
        "SYNTHREVIEW_DATABASE_URL": url,
        "SYNTHREVIEW_WORKER": "off",
        "SYNTHREVIEW_DEMO": "0",
        "STREAMLIT_LOGGER_LEVEL": "error",
    }


def prepare(home: Path, url: str, sessions: int, tasks: int) -> list[str]:
    """Demo data, a synthetic table, ``sessions`` reviewers and a round with enough tasks each."""
    os.environ.update(_workspace_env(home, url))
    from reviews.jobs.worker import run_one
    from reviews.queries.jobs import get_job
    from reviews.ranking import rounds
    from reviews.services.generation import GenerationRequest, start_generation
    from reviews.services.intake import import_demo
    from reviews.store import open_store
    from reviews.workspace.permissions import SYSTEM, Actor

    store = open_store()
    steward = Actor("steward", "steward")
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, "steward", "steward-pass-phrase", "steward")
    names = [f"reviewer{i:02d}" for i in range(sessions)]
    for name in names:
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", "reviewer")
    demo_id = import_demo(store, steward)
    job_id = start_generation(
        store, steward, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 2000)
    )
    run_one(store)
    synthetic_id = get_job(store, job_id)["result"]["dataset_ids"][0]
    per_reviewer = tasks + SOLO_TASKS + 2  # a margin: tasks are spread over reviewers, not counted out
    rounds.open_round(
        store,
        steward,
        synthetic_id,
        rounds.RoundConfig(batch_size=min(500, per_reviewer * sessions // 2), overlap=2),
    )
    store.engine.dispose()
    return names


def session(env: dict[str, str], username: str, tasks: int, start, results) -> None:
    """One browser tab: sign in as ``username``, open Review, answer ``tasks`` tasks, timing each."""
    os.environ.update(env)
    from streamlit.testing.v1 import AppTest

    from reviews.workspace.permissions import Actor

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["actor"] = Actor(username, "reviewer")
    at.run()
    at.switch_page("pages/review.py")
    at.run()
    if start is not None:
        start.wait()
    times, cpu, loop_began = [], [], time.time()
    for _ in range(tasks):
        if at.exception:
            results.put((username, "error", str(at.exception[0].message)))
            return
        at.button(key="review_row_0").click().run()  # key 1: row A is more plausible
        button = at.button(key="review_submit")  # Enter
        began, began_cpu = time.perf_counter(), time.process_time()
        button.click().run()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    if at.exception:
        results.put((username, "error", str(at.exception[0].message)))
        return
    results.put((username, "ok", (times, cpu, loop_began, time.time())))


def run_sessions(
    context, env: dict[str, str], names: list[str], tasks: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """Start one process per name, release them together; each step's wall and CPU time, and the span."""
    start = context.Barrier(len(names)) if len(names) > 1 else None
    results = context.Queue()
    processes = [context.Process(target=session, args=(env, name, tasks, start, results)) for name in names]
    for process in processes:
        process.start()
    gathered, cpu, starts, ends = [], [], [], []
    for _ in names:
        name, status, value = results.get(timeout=1800)
        if status != "ok":
            raise SystemExit(f"session {name} saw an error: {value}")
        gathered.extend(value[0])
        cpu.extend(value[1])
        starts.append(value[2])
        ends.append(value[3])
    for process in processes:
        process.join()
    return np.asarray(gathered), np.asarray(cpu), max(ends) - min(starts)


def stored_answers(env: dict[str, str]) -> tuple[int, bool]:
    """How many answers the database holds, and whether the audit chain verifies."""
    os.environ.update(env)
    from sqlalchemy import func, select

    from reviews.audit.chain import verify_chain
    from reviews.store import open_store
    from reviews.workspace.schema import review_responses

    store = open_store()
    with store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(review_responses)).scalar_one()
    ok = verify_chain(store.engine).ok
    store.engine.dispose()
    return int(count), ok


def _postgres(url: str) -> tuple[str, callable]:
    import psycopg

    server, name = url.rsplit("/", 1)[0], f"synthreview_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{server}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--tasks", type=int, default=10, help="answers per session in the concurrent phase")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server/database to create the bench database beside"
    )
    args = parser.parse_args()

    drop = None
    with tempfile.TemporaryDirectory(prefix="synthreview-load-") as tmp:
        home = Path(tmp) / "home"
        if args.database_url:
            url, drop = _postgres(args.database_url)
        else:
            url = f"sqlite:///{home / 'synthreview.db'}"
        try:
            names = prepare(home, url, args.sessions, args.tasks)
            env = _workspace_env(home, url)
            context = multiprocessing.get_context("spawn")
            solo, solo_cpu, _ = run_sessions(context, env, names[:1], SOLO_TASKS)
            crowd, crowd_cpu, wall = run_sessions(context, env, names, args.tasks)
            answers, chain_ok = stored_answers(env)
        finally:
            if drop is not None:
                drop()

    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"database: {database}; cores: {os.cpu_count()}; submit + next task through the Review page")
    print(f"{'sessions':>8} {'answers':>8} {'median s':>9} {'p95 s':>7} {'max s':>7} {'CPU/answer s':>13}")
    for label, times, cpu in (("1", solo, solo_cpu), (str(args.sessions), crowd, crowd_cpu)):
        print(
            f"{label:>8} {len(times):>8} {np.median(times):>9.3f} {np.percentile(times, 95):>7.3f} "
            f"{times.max():>7.3f} {cpu.mean():>13.3f}"
        )
    print(
        f"ratio {args.sessions} sessions / 1 session: median {np.median(crowd) / np.median(solo):.2f}x, "
        f"p95 {np.percentile(crowd, 95) / np.percentile(solo, 95):.2f}x"
    )
    print(f"throughput with {args.sessions} sessions: {len(crowd) / wall:.1f} answers/s")
    print(f"answers stored: {answers} of {len(solo) + len(crowd)}; audit chain verifies: {chain_ok}")
    if answers != len(solo) + len(crowd) or not chain_ok:
        raise SystemExit("answers were lost or the audit chain is broken")


if __name__ == "__main__":
    main()
