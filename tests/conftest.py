"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATASETS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


@pytest.fixture(scope="session", autouse=True)
def own_cache_dir(tmp_path_factory):
    """The suite's cache files (and those of the processes it starts) stay out of the user's."""
    os.environ["SYNTHREVIEW_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The public datasets folder beside the checkout; skips the test when it is absent."""
    if not DATASETS_DIR.is_dir():
        pytest.skip(
            f"public datasets folder {DATASETS_DIR} is absent; these tests read UCI Adult etc. from it"
        )
    return DATASETS_DIR


@pytest.fixture(scope="session")
def adult_path(datasets_dir: Path) -> Path:
    """UCI Adult training file (32,561 rows, '?' marks missing values)."""
    path = datasets_dir / "adult.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path, monkeypatch):
    """A fresh, migrated workspace on SQLite, and on PostgreSQL when SYNTHREVIEW_TEST_POSTGRES_URL is set."""
    from tests.support.databases import drop_postgres_database, fresh_store

    workspace = fresh_store(request.param, tmp_path, monkeypatch)
    yield workspace
    drop_postgres_database(workspace)


@pytest.fixture
def fast_passwords(monkeypatch):
    """Cheap argon2 parameters: these tests hash many passwords, none of which guards anything."""
    from argon2 import PasswordHasher

    from reviews.workspace import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
