"""Workspace files: the SQLite database and its WAL are owner-only, crash leftovers are removed at
start-up, and an unwritable artifacts folder gives a clear message."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from reviews.errors import ReviewsError
from reviews.store import NewDataset, open_store
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import Actor

STEWARD = Actor("steward", "steward")


@pytest.fixture
def sqlite_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(tmp_path / "ws"))
    monkeypatch.delenv("SYNTHREVIEW_DATABASE_URL", raising=False)
    monkeypatch.delenv("SYNTHREVIEW_ARTIFACTS", raising=False)
    return tmp_path / "ws"


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_database_and_wal_are_created_owner_only(sqlite_home):
    old = os.umask(0o022)  # the common default, which would give 0644
    try:
        store = open_store()
        store.add_dataset(STEWARD, NewDataset("t", pd.DataFrame({"a": [1, 2]})))
        db = sqlite_home / "synthreview.db"
        wal = sqlite_home / "synthreview.db-wal"
        assert _mode(db) == 0o600
        assert wal.exists() and _mode(wal) == 0o600
    finally:
        os.umask(old)


def test_an_existing_world_readable_database_is_tightened(sqlite_home):
    open_store().engine.dispose()
    db = sqlite_home / "synthreview.db"
    db.chmod(0o644)
    open_store()
    assert _mode(db) == 0o600


def test_stale_partial_files_are_removed_at_start_up(sqlite_home):
    folder = load_settings().artifacts / "datasets"
    folder.mkdir(parents=True)
    stale, fresh, kept = folder / ".tmp-abc.parquet", folder / ".tmp-new.parquet", folder / "x.parquet"
    for path in (stale, fresh, kept):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(kept, (hour_ago, hour_ago))
    open_store()
    assert not stale.exists() and fresh.exists() and kept.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_artifacts_folder_gives_a_clear_message(sqlite_home):
    store = open_store()
    root = load_settings().artifacts
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o500)
    try:
        with pytest.raises(ReviewsError) as caught:
            store.add_dataset(STEWARD, NewDataset("t", pd.DataFrame({"a": [1, 2]})))
    finally:
        root.chmod(0o700)
    assert "cannot be written" in str(caught.value) and "SYNTHREVIEW_ARTIFACTS" in str(caught.value)


def test_artifacts_path_that_cannot_be_a_folder_gives_a_clear_message(sqlite_home, monkeypatch, tmp_path):
    # Root may write into read-only folders, so this makes the write fail in a way root meets too:
    # the artifacts path lies under a regular file.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SYNTHREVIEW_ARTIFACTS", str(blocker / "artifacts"))
    store = open_store()
    with pytest.raises(ReviewsError) as caught:
        store.add_dataset(STEWARD, NewDataset("t", pd.DataFrame({"a": [1, 2]})))
    message = str(caught.value)
    assert "cannot be written" in message and "SYNTHREVIEW_ARTIFACTS" in message and "Errno" not in message
