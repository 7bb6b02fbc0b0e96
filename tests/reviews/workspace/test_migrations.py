"""Alembic migrations build exactly the schema the code declares, and can be undone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from reviews.workspace.db import downgrade, migrate
from reviews.workspace.schema import metadata


def test_migrated_schema_matches_metadata(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(store):
    downgrade(store.engine, "base")
    assert "users" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert {"users", "datasets", "audit_events", "jobs"} <= set(inspect(store.engine).get_table_names())
