"""SIGKILL in the middle of a generation or of review submissions loses nothing that was
committed, leaves no half-written dataset, and the restarted worker fails the dead job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select, text

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import ReviewsError
from reviews.jobs.worker import run_one, stale_after_seconds, work_forever
from reviews.queries.jobs import get_job
from reviews.services.generation import GenerationRequest, start_generation
from reviews.services.intake import import_demo
from reviews.store import NewTask
from reviews.workspace.permissions import SYSTEM, Actor
from reviews.workspace.schema import audit_events, jobs, review_responses
from tests.reviews.conftest import STEWARD
from tests.support.crash_helpers import REPO, spawn, wait_for
from tests.support.jobs import HANDLERS, handler

pytestmark = pytest.mark.timeout(120)


def _child_env(store, tmp_path) -> dict[str, str]:
    """The same workspace as ``store`` seen from another process with its own home."""
    return {
        "SYNTHREVIEW_DATABASE_URL": store.engine.url.render_as_string(hide_password=False),
        "SYNTHREVIEW_ARTIFACTS": str(store.artifact_root),
        "SYNTHREVIEW_HOME": str(tmp_path / "child-home"),
    }


def _kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL


def _restart_worker(env: dict[str, str]) -> str:
    """What an operator does after a crash: start a worker; it recovers before taking work."""
    done = subprocess.run(
        [sys.executable, "-m", "reviews", "worker", "--once"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "SYNTHREVIEW_STALE_JOB_SECONDS": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _wait_for_status(store, job_id: int, status: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while get_job(store, job_id)["status"] != status:
        assert time.monotonic() < deadline, f"job {job_id} never became {status}"
        time.sleep(0.02)


def _no_half_written_datasets(store) -> None:
    folder = store.artifact_root / "datasets"
    assert list(folder.glob(".tmp-*")) == []
    for record in queries.list_datasets(store):
        assert (store.artifact_root / record.artifact_path).is_file(), record.name


@pytest.mark.parametrize("moment", ["generate-running", "generate-saving"])
def test_killed_generation_is_failed_and_leaves_no_dataset(store, tmp_path, moment):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    demo_id = import_demo(store, STEWARD)
    job_id = start_generation(
        store, STEWARD, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], 3000)
    )
    env, marker = _child_env(store, tmp_path), tmp_path / "saving.marker"
    child = spawn(moment, str(marker), env=env)
    try:
        if moment == "generate-saving":
            wait_for(marker.exists, 90, child, "the first dataset file to be written")
            assert list((store.artifact_root / "datasets").glob(".tmp-*")), "the kill must leave a temp file"
        else:
            wait_for(lambda: get_job(store, job_id)["progress"] > 0, 90, child, "progress above 0")
        assert get_job(store, job_id)["progress"] > 0
    finally:
        _kill(child)
    assert get_job(store, job_id)["status"] == "running"  # nobody has noticed yet
    assert [d.id for d in queries.list_datasets(store)] == [demo_id]

    time.sleep(1.2)  # longer than the stale timeout the restarted worker is given
    assert "no queued job" in _restart_worker(env)
    job = get_job(store, job_id)
    assert job["status"] == "failed" and "worker stopped" in job["error"]
    assert [d.id for d in queries.list_datasets(store)] == [demo_id]
    _no_half_written_datasets(store)
    report = verify_chain(store.engine)
    assert report.ok, report.reason


def test_killed_reviewer_process_loses_no_committed_answer(store, tmp_path, synthetic_id):
    task = NewTask("t0", "pairwise", [0, 1], ("reviewer",))
    store.open_round(STEWARD, synthetic_id, "pairwise", 2, 1, 1, 0, [task])
    with store.engine.connect() as conn:
        task_id = conn.execute(text("SELECT id FROM review_tasks")).scalar_one()

    def answers() -> int:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(review_responses)).scalar_one()

    events_before = verify_chain(store.engine).events
    child = spawn("submit", "reviewer", str(task_id), env=_child_env(store, tmp_path))
    try:
        wait_for(lambda: answers() >= 30, 60, child, "30 answers")
    finally:
        _kill(child)
    with store.engine.connect() as conn:
        audited = conn.execute(
            select(func.count()).select_from(audit_events).where(audit_events.c.action == "review.response")
        ).scalar_one()
    assert audited == answers() >= 30  # every kept answer has its event, and no event lacks its answer
    store.submit_response(Actor("reviewer", "reviewer"), task_id, {"ranking": [0, 1]}, 10)  # not left locked
    report = verify_chain(store.engine)
    assert report.ok and report.events == events_before + audited + 1


def test_stale_timeout_is_configurable(monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_STALE_JOB_SECONDS", "45")
    assert stale_after_seconds() == 45
    for bad in ("0", "-3", "soon"):
        monkeypatch.setenv("SYNTHREVIEW_STALE_JOB_SECONDS", bad)
        with pytest.raises(ReviewsError, match="SYNTHREVIEW_STALE_JOB_SECONDS"):
            stale_after_seconds()
    monkeypatch.delenv("SYNTHREVIEW_STALE_JOB_SECONDS")
    assert stale_after_seconds() == 120


def test_heartbeat_keeps_a_long_job_alive_while_a_dead_one_is_failed(store, monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_STALE_JOB_SECONDS", "1.2")  # heartbeat every 0.3 s
    release = threading.Event()

    @handler("silent")
    def _silent(store_, job, actor, progress):
        release.wait(10)  # a long fit that reports no progress
        return {}

    try:
        dead = store.enqueue_job(STEWARD, "silent", {"request": "dead"})
        store.claim_job("crashed-worker", ("silent",))  # claimed, then its worker vanished
        live = store.enqueue_job(STEWARD, "silent", {"request": "live"})
        runner = threading.Thread(target=run_one, args=(store, "live-worker"))
        runner.start()
        _wait_for_status(store, live, "running")
        stop = threading.Event()
        recovery = threading.Thread(target=work_forever, args=(store, 0.05, stop))
        time.sleep(1.5)  # the dead job is now stale; the live one has kept beating
        recovery.start()  # a worker starting now, as after a restart
        time.sleep(0.5)
        stop.set()
        recovery.join(10)
        assert get_job(store, dead)["status"] == "failed"
        assert get_job(store, live)["status"] == "running"
        release.set()
        runner.join(10)
        assert get_job(store, live)["status"] == "done"
    finally:
        release.set()
        HANDLERS.pop("silent")
    with store.engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(jobs).where(jobs.c.status == "running")
            ).scalar_one()
            == 0
        )


def test_abandoned_temp_files_are_removed_but_fresh_ones_kept(store):
    folder = store.artifact_root / "datasets"
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / ".tmp-old.parquet", folder / ".tmp-fresh.parquet"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    past = time.time() - 600
    os.utime(old, (past, past))
    assert store.remove_abandoned_temp_files(older_than_seconds=300) == [old]
    assert fresh.exists() and not old.exists()
