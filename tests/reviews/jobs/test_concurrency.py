"""Many reviewers and replicas at once: every answer kept, the chain intact, no job run twice.

Writers are threads sharing one store (one engine, like one app replica) and forked processes
each with an engine of their own (like several replicas on one database).
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select, text

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.queries.jobs import get_job
from reviews.store import NewDataset, NewTask, Store, open_store
from reviews.workspace.config import Settings
from reviews.workspace.db import make_engine
from reviews.workspace.permissions import SYSTEM, Actor
from reviews.workspace.schema import audit_events, review_responses
from tests.support.jobs import HANDLERS, handler

REVIEWERS, ANSWERS = 20, 50
STEWARD = Actor("steward", "steward")
pytestmark = pytest.mark.timeout(180)


@pytest.fixture(autouse=True)
def count_kind():
    """A test-only job kind that claims and returns at once."""
    handler("count")(lambda store, job, actor, progress: {"counted": job["params"]["n"]})
    yield
    HANDLERS.pop("count")


@pytest.fixture
def crowded_round(store, monkeypatch):
    """A round of 50 pairwise tasks, each given to all 20 reviewers."""
    # Passwords play no part here; argon2 on 22 accounts would dominate the test's time.
    monkeypatch.setattr(
        "reviews.store.users.hash_password", lambda password, **_: f"not-a-hash:{len(password)}"
    )
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, "steward", "steward-pass-phrase", "steward")
    names = [f"rev{i:02d}" for i in range(REVIEWERS)]
    for name in names:
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", "reviewer")
    frame = pd.DataFrame({"age": range(2 * ANSWERS), "colour": ["a", "b"] * ANSWERS})
    real_id = store.add_dataset(STEWARD, NewDataset("real", frame))
    synthetic_id = store.add_dataset(
        STEWARD,
        NewDataset(
            "syn", frame, kind="synthetic", parent_id=real_id, train_id=real_id, depth=1, purpose="privacy"
        ),
    )
    tasks = [NewTask(f"t{i}", "pairwise", [2 * i, 2 * i + 1], tuple(names)) for i in range(ANSWERS)]
    round_id = store.open_round(STEWARD, synthetic_id, "pairwise", 2, REVIEWERS, ANSWERS, 0, tasks)
    with store.engine.connect() as conn:
        task_ids = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM review_tasks WHERE round_id = :r ORDER BY id"), {"r": round_id}
            )
        ]
    return names, task_ids


def _answer_all(store: Store, reviewer: str, task_ids: list[int], start: threading.Barrier | None) -> None:
    actor = Actor(reviewer, "reviewer")
    if start is not None:
        start.wait()
    for task_id in task_ids:
        store.submit_response(actor, task_id, {"ranking": [1, 0]}, 1200)


def _assert_all_kept(store: Store, names: list[str]) -> None:
    with store.engine.connect() as conn:
        per_reviewer = dict(
            conn.execute(
                select(review_responses.c.reviewer, func.count()).group_by(review_responses.c.reviewer)
            ).all()
        )
        audited = conn.execute(
            select(func.count()).select_from(audit_events).where(audit_events.c.action == "review.response")
        ).scalar_one()
    assert per_reviewer == {name: ANSWERS for name in names}
    assert audited == REVIEWERS * ANSWERS
    report = verify_chain(store.engine)
    assert report.ok, report.reason


def test_twenty_reviewers_in_threads(store, crowded_round):
    names, task_ids = crowded_round
    start, errors = threading.Barrier(REVIEWERS), []

    def reviewer(name: str) -> None:
        try:
            _answer_all(store, name, task_ids, start)
        except Exception:
            errors.append(traceback.format_exc())

    threads = [threading.Thread(target=reviewer, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _assert_all_kept(store, names)


def _reviewer_process(url: str, root: str, name: str, task_ids: list[int], start, failures) -> None:
    # A forked child must not touch the parent's pooled connections: it opens its own engine.
    try:
        own = Store(make_engine(url), Path(root))
        _answer_all(own, name, task_ids, start)
        own.engine.dispose()
    except Exception:
        failures.put(f"{name}: {traceback.format_exc()}")


def test_twenty_reviewers_in_processes(store, crowded_round):
    names, task_ids = crowded_round
    url = store.engine.url.render_as_string(hide_password=False)
    store.engine.dispose()  # nothing pooled is inherited by the children
    context = multiprocessing.get_context("fork")
    start, failures = context.Barrier(REVIEWERS), context.Queue()
    processes = [
        context.Process(
            target=_reviewer_process, args=(url, str(store.artifact_root), name, task_ids, start, failures)
        )
        for name in names
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    errors = [failures.get() for _ in range(failures.qsize())] if not failures.empty() else []
    assert errors == [] and [p.exitcode for p in processes] == [0] * REVIEWERS
    _assert_all_kept(store, names)


def _replica(store: Store, tmp_path, name: str) -> Store:
    """Another app replica: its own home and engine, the same database and artifact folder."""
    url = store.engine.url.render_as_string(hide_password=False)
    return open_store(Settings(tmp_path / name, url, store.artifact_root, 200 * 1024 * 1024, False))


def test_replicas_share_datasets_through_the_artifact_folder(store, tmp_path):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    frame = pd.DataFrame({"age": [31, 45, 27], "colour": ["a", "b", "a"]})
    dataset_id = store.add_dataset(STEWARD, NewDataset("shared", frame))
    other = _replica(store, tmp_path, "replica-b")
    try:
        assert other.engine is not store.engine and other.artifact_root == store.artifact_root
        queries.stored_frame.cache_clear()  # read from the shared folder, not this process's cache
        assert [d.id for d in queries.list_datasets(other)] == [dataset_id]
        pd.testing.assert_frame_equal(queries.load_frame(other, dataset_id), frame)
        back_id = other.add_dataset(STEWARD, NewDataset("from b", frame.head(2)))
        queries.stored_frame.cache_clear()
        assert len(queries.load_frame(store, back_id)) == 2
    finally:
        other.engine.dispose()


def test_progress_written_by_one_replica_is_seen_by_another(store, tmp_path):
    job_id = store.enqueue_job(STEWARD, "count", {"n": 3})
    other = _replica(store, tmp_path, "replica-b")
    try:
        assert store.claim_job("replica-a", ("count",))["id"] == job_id
        store.report_progress(job_id, 0.4, "fitting")
        seen = get_job(other, job_id)
        assert (seen["status"], seen["progress"], seen["message"], seen["worker"]) == (
            "running",
            0.4,
            "fitting",
            "replica-a",
        )
        assert other.claim_job("replica-b", ("count",)) is None  # already taken
    finally:
        other.engine.dispose()


def test_concurrent_workers_never_claim_the_same_job(store, tmp_path):
    # Distinct requests (an identical one within seconds would be a double click, one job).
    job_ids = [store.enqueue_job(STEWARD, "count", {"n": 1, "request": i}) for i in range(30)]
    replicas = [store, _replica(store, tmp_path, "b"), _replica(store, tmp_path, "c")]
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(6)

    def worker(replica: Store, name: str) -> None:
        start.wait()
        mine = claimed.setdefault(name, [])
        while (job := replica.claim_job(name, ("count",))) is not None:
            mine.append(job["id"])

    threads = [threading.Thread(target=worker, args=(replicas[i % 3], f"w{i}")) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for replica in replicas[1:]:
        replica.engine.dispose()
    every = [job_id for ids in claimed.values() for job_id in ids]
    assert sorted(every) == job_ids  # each job exactly once
    assert verify_chain(store.engine).ok


def test_claim_skips_a_job_locked_by_another_replica(store):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises claims with BEGIN IMMEDIATE")
    first = store.enqueue_job(STEWARD, "count", {"n": 1, "request": 1})
    second = store.enqueue_job(STEWARD, "count", {"n": 1, "request": 2})
    with store.engine.connect() as holder:
        holder.execute(text("SET lock_timeout = '2s'"))
        holder.execute(text("SELECT id FROM jobs WHERE id = :i FOR UPDATE"), {"i": first})
        # Without SKIP LOCKED this claim would wait for the holder (and hit lock_timeout).
        assert store.claim_job("other", ("count",))["id"] == second
        holder.rollback()
    assert store.claim_job("other", ("count",))["id"] == first
