"""A job started from a page against the same work done by the command line, in the same run.

German credit (1,000 rows, ``../shared/datasets/german_credit_decoded.csv``), two jobs:

* generation: ``gaussian_copula``, privacy purpose, 1,000 rows, seed 0;
* evaluation: of that generated dataset, against its train and holdout rows, label
  ``credit_risk`` (utility models included), protected attribute ``sex``.

Peer: ``python -m synth generate`` and ``python -m synth evaluate`` as subprocesses, timed
whole (start-up and imports included), on the same source and the same three tables.

The page path is the real thing: ``streamlit run app.py`` on
a fresh workspace, with its in-process job runner, and Debian's Chromium signed in as a
steward. The browser presses "Generate" on the Generate page and "Evaluate now" on Compare;
a step ends when the page shows the outcome ("Generated 1 dataset(s)." / the evaluation's
tabs), having followed the job through the page's own progress polling.
Each run then does the same two jobs on the runner alone ("runner"): the page's service call
queues the job, a background runner in this process runs it, and a loop reads the job row at
the page's polling interval, as the progress view does; no server, no browser. ``--no-server``
does only that.

    flock /tmp/heavy.lock nice -n 5 .venv/bin/python benchmarks/bench_jobs.py \
        [--no-server] [--worker thread] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

SOURCE = ROOT.parent / "shared" / "datasets" / "german_credit_decoded.csv"
GENERATOR, ROWS, SEED = "gaussian_copula", 1000, 0
LABEL, PROTECTED = "credit_risk", ["sex"]
STEWARD, STEWARD_PASSWORD = "steward", "steward-pass-phrase"
TIMEOUT_MS = 300_000
MARKS: dict[str, list[float]] = {}  # job kind: wall-clock time of the click, and of the outcome shown
CPU: dict[str, list[dict[int, float]]] = {}  # job kind: CPU seconds per server thread at click and shown
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds each live thread of ``pid`` has used so far; key 0: the whole process, ended
    threads included."""
    seconds = {0: _cpu_seconds(Path(f"/proc/{pid}/stat"))}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            seconds[int(task.name)] = _cpu_seconds(task / "stat")
        except OSError:  # the thread ended meanwhile
            continue
    return seconds


def workspace(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "SYNTHREVIEW_HOME": str(home),
        "SYNTHREVIEW_DEMO": "0",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_WORKER", "SYNTHREVIEW_ARTIFACTS"):
        env.pop(name, None)
    return env


def prepare(home: Path) -> int:
    """A fresh workspace with an admin, a steward and german credit loaded; returns its dataset id."""
    from reviews.services.intake import import_upload
    from reviews.store import open_store
    from reviews.workspace.permissions import SYSTEM, Actor

    store = open_store()
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, STEWARD, STEWARD_PASSWORD, "steward")
    dataset_id = import_upload(store, Actor(STEWARD, "steward"), SOURCE.read_bytes(), "german_credit.csv")
    store.engine.dispose()
    return dataset_id


def cli(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # evaluate exits 1 when a gate fails: still a full run
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def cli_generate(out: Path, env: dict) -> float:
    return cli(
        [
            "-m", "synth", "generate", str(SOURCE), "--generator", GENERATOR, "--rows", str(ROWS),
            "--seed", str(SEED), "--out", str(out / "synthetic.parquet"),
            "--train-out", str(out / "train.parquet"), "--holdout-out", str(out / "holdout.parquet"),
        ],
        env,
    )  # fmt: skip


def cli_evaluate(tables: Path, env: dict) -> float:
    return cli(
        [
            "-m", "synth", "evaluate", "--real", str(tables / "train.parquet"),
            "--synthetic", str(tables / "synthetic.parquet"), "--holdout", str(tables / "holdout.parquet"),
            "--label", LABEL, "--protected", *PROTECTED,
        ],
        env,
    )  # fmt: skip


def export_generated(synthetic_id: int, out: Path) -> None:
    """The app's generated table with its train and holdout rows, as files for the CLI."""
    from reviews import queries
    from reviews.store import open_store
    from synth.outliers.inject import OUTLIER_FLAG

    store = open_store()
    record = queries.get_dataset(store, synthetic_id)
    out.mkdir(exist_ok=True)
    frame = queries.load_frame(store, synthetic_id).drop(columns=[OUTLIER_FLAG], errors="ignore")
    frame.to_parquet(out / "synthetic.parquet", index=False)
    queries.load_frame(store, record.train_id).to_parquet(out / "train.parquet", index=False)
    queries.load_frame(store, record.holdout_id).to_parquet(out / "holdout.parquet", index=False)
    store.engine.dispose()


# --- the app path without a server: service call, background runner, the page's polling ------


def thread_jobs(source_id: int, seed: int = SEED) -> tuple[float, float, int]:
    from reviews.jobs.worker import ensure_background_worker
    from reviews.queries.jobs import get_job
    from reviews.services.evaluation import start_evaluation
    from reviews.services.generation import GenerationRequest, start_generation
    from reviews.store import open_store
    from reviews.workspace.permissions import Actor
    from ui.job_view import POLL

    store = open_store()
    ensure_background_worker(store)
    steward = Actor(STEWARD, "steward")

    def until_done(start_job) -> tuple[float, dict]:
        start = time.perf_counter()
        job_id = start_job()
        while (job := get_job(store, job_id))["status"] in ("queued", "running"):
            time.sleep(POLL.total_seconds())
        if job["status"] != "done":
            raise SystemExit(f"job {job_id} {job['status']}: {job['error']}")
        return time.perf_counter() - start, job

    request = GenerationRequest(source_id, GENERATOR, [{"purpose": "privacy"}], ROWS, seed)
    generation, job = until_done(lambda: start_generation(store, steward, request))
    synthetic_id = job["result"]["dataset_ids"][0]
    evaluation, _ = until_done(
        lambda: start_evaluation(store, steward, synthetic_id, protected=PROTECTED, label=LABEL)
    )
    return generation, evaluation, synthetic_id


# --- the app path as a person meets it: a served app and a browser ---------------------------


def settled(page) -> None:
    page.locator("[data-test-script-state=notRunning]").wait_for(state="attached", timeout=TIMEOUT_MS)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit select box called ``label``."""
    page.get_by_label(label).first.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    settled(page)


def served_jobs(env: dict, home: Path) -> tuple[float, float, int]:
    from playwright.sync_api import sync_playwright

    from tests.support.chromium import CHROMIUM, LAUNCH_ARGS
    from tests.support.served_app import served_app

    print(f"server's job runner: {env.get('SYNTHREVIEW_WORKER', 'the default')}", flush=True)
    with served_app(env, home / "server.log") as (url, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US").new_page()
        try:
            page.goto(url)
            page.get_by_role("textbox", name="Username").fill(STEWARD)
            page.get_by_role("textbox", name="Password").fill(STEWARD_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("heading", name="SynthReview", exact=True).wait_for(timeout=TIMEOUT_MS)
            settled(page)

            page.get_by_role("link", name="Generate", exact=True).click()
            page.get_by_role("heading", name="Generate synthetic data").wait_for(timeout=TIMEOUT_MS)
            settled(page)
            choose(page, "Generator", GENERATOR)
            rows = page.get_by_label("Rows to generate")
            rows.fill(str(ROWS))
            start = time.perf_counter()
            MARKS["generate"], CPU["generate"] = [time.time()], [thread_cpu(pid)]
            page.get_by_role("button", name="Generate", exact=True).click()
            page.get_by_text("Generated 1 dataset(s).").wait_for(timeout=TIMEOUT_MS)
            MARKS["generate"].append(time.time())
            CPU["generate"].append(thread_cpu(pid))
            generation = time.perf_counter() - start
            print(f"app generation: {generation:.2f} s", flush=True)
            settled(page)

            page.get_by_role("link", name="Compare", exact=True).click()
            page.get_by_role("heading", name="Compare real and synthetic").wait_for(timeout=TIMEOUT_MS)
            settled(page)
            page.get_by_text("Evaluation settings").click()
            choose(page, "Protected attributes (fairness per group)", PROTECTED[0])
            page.keyboard.press("Escape")
            choose(page, "Label (fairness label rates and utility)", LABEL)
            start = time.perf_counter()
            MARKS["evaluate"], CPU["evaluate"] = [time.time()], [thread_cpu(pid)]
            page.get_by_role("button", name="Evaluate now").click()
            page.get_by_role("tab", name="Scores").wait_for(timeout=TIMEOUT_MS)
            MARKS["evaluate"].append(time.time())
            CPU["evaluate"].append(thread_cpu(pid))
            evaluation = time.perf_counter() - start
            settled(page)
            page.screenshot(path=str(home / "compare.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(home / "failure.png"), full_page=True)
            print(f"the browser step failed; see {home / 'failure.png'}", flush=True)
            raise
        finally:
            browser.close()
    return generation, evaluation, _latest_synthetic()


def _latest_synthetic() -> int:
    from reviews import queries
    from reviews.store import open_store

    store = open_store()
    synthetic = [d.id for d in queries.list_datasets(store) if d.kind == "synthetic"]
    store.engine.dispose()
    return max(synthetic)


def job_phases() -> None:
    """Where each page job's time went: click to queued, waiting for a worker, running, finished to shown."""
    from reviews.queries.jobs import list_jobs
    from reviews.store import open_store
    from reviews.store.base import as_utc

    store = open_store()
    for job in reversed(list_jobs(store)):
        created, started, finished = (
            as_utc(job[k]).timestamp() for k in ("created_at", "started_at", "finished_at")
        )
        click, shown = MARKS[job["kind"]]
        before, after = CPU[job["kind"]]
        used = sorted((after[t] - before.get(t, 0.0) for t in after if t), reverse=True)
        print(
            f"  page {job['kind']}: click to queued {created - click:.2f} s, "
            f"waited {started - created:.2f} s, ran {finished - started:.2f} s, "
            f"finished to shown {shown - finished:.2f} s; server CPU {after[0] - before[0]:.2f} s, "
            f"busiest thread {used[0]:.2f} s, next {used[1]:.2f} s",
            flush=True,
        )
    store.engine.dispose()


def one_run(with_server: bool, worker: str | None) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    env = workspace(home)
    if worker:
        env["SYNTHREVIEW_WORKER"] = worker
    os.environ.update({k: v for k, v in env.items() if k.startswith(("SYNTHREVIEW_", "PYTHON"))})
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_WORKER", "SYNTHREVIEW_ARTIFACTS"):
        os.environ.pop(name, None)
    source_id = prepare(home)
    times = {}
    if with_server:
        times["generation page"], times["evaluation page"], synthetic_id = served_jobs(env, home)
        job_phases()
    # The same two jobs again, on the runner in this process with no server: what the jobs cost
    # without a page. Another seed (the same work): an identical request seconds after the page's
    # would be taken for a double click and answered with the page's finished job.
    seed = SEED + 1 if with_server else SEED
    times["generation runner"], times["evaluation runner"], runner_synthetic = thread_jobs(source_id, seed)
    export_generated(synthetic_id if with_server else runner_synthetic, home / "app-tables")
    times["generation CLI"] = cli_generate(home, env)
    times["evaluation CLI"] = cli_evaluate(home / "app-tables", env)
    print(f"workspace and logs: {home}", flush=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-server", action="store_true", help="only the runner in this process, no server or browser"
    )
    parser.add_argument(
        "--worker", choices=("process", "thread"), help="the server's SYNTHREVIEW_WORKER (default: the app's)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs, each on a fresh workspace (default 1)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    app = "runner" if args.no_server else "page"
    rows = []
    for number in range(args.repeat):
        times = one_run(not args.no_server, args.worker)
        for job in ("generation", "evaluation"):
            ours, runner, peer = times[f"{job} {app}"], times[f"{job} runner"], times[f"{job} CLI"]
            cells = f"{ours:.2f} | {runner:.2f} | {peer:.2f} | {ours - peer:+.2f}"
            rows.append(f"| {number + 1} | {job} | {cells} |")
    print(f"\n| run | job | {app} s | runner s | CLI s | {app} - CLI s |\n|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
