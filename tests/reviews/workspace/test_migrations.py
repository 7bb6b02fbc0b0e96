"""Alembic migrations build exactly the schema the code declares, and can be undone."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import JSON, String, column, inspect, table, text

from reviews import queries
from reviews.workspace.db import alembic_config, downgrade, head_revision, migrate, stored_revision
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


def test_head_read_from_the_files_is_alembics_head(store):
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head()
    assert head_revision() == head == stored_revision(store.engine)


def test_a_database_at_head_is_not_migrated_again_and_one_behind_is(store, monkeypatch):
    import alembic.command

    upgrades = []
    real_upgrade = alembic.command.upgrade
    monkeypatch.setattr(
        alembic.command, "upgrade", lambda *args: upgrades.append(args) or real_upgrade(*args)
    )
    migrate(store.engine)
    assert upgrades == []  # already at head: Alembic is not run
    downgrade(store.engine, "0012")
    assert stored_revision(store.engine) == "0012"
    migrate(store.engine)
    assert len(upgrades) == 1 and stored_revision(store.engine) == head_revision()


def test_0007_moves_grants_out_of_settings_and_back(store):
    """Grants stored as settings rows keyed "kind:id" move into their own table, and back on downgrade."""
    downgrade(store.engine, "0006")
    stamp = "2026-11-20T10:00:00+00:00"
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (username, password_hash, role, active, created_at) "
                "VALUES ('olga', 'x', 'officer', :yes, :at)"
            ),
            {"yes": True, "at": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO datasets (name, sha256, kind, depth, labels, rows, columns, created_by, "
                "created_at, artifact_path) VALUES ('people', 'x', 'real', 0, '{}', 1, 1, 'olga', :at, 'a')"
            ),
            {"at": stamp},
        )
        dataset_id = conn.execute(text("SELECT id FROM datasets")).scalar_one()
        settings = table("settings", column("key", String), column("value", JSON))
        grant = {"by": "olga", "justification": "Board approved the pilot.", "at": stamp}
        conn.execute(
            settings.insert(),
            [
                {"key": f"pretraining:{dataset_id}", "value": grant},
                {"key": f"depth_override:{dataset_id + 99}", "value": grant},  # its dataset is gone
                {"key": "max_depth", "value": 2},
            ],
        )
    migrate(store.engine)

    moved = queries.get_grant(store, "pretraining", dataset_id)
    assert moved["by"] == "olga" and moved["justification"] == "Board approved the pilot."
    at = datetime.fromisoformat(moved["at"])
    assert (at if at.tzinfo else at.replace(tzinfo=UTC)) == datetime.fromisoformat(stamp)
    with store.engine.connect() as conn:
        keys = set(conn.execute(text("SELECT key FROM settings")).scalars())
    assert keys == {"max_depth", f"depth_override:{dataset_id + 99}"}  # the orphan is kept, not lost
    assert queries.get_setting(store, "max_depth") == 2

    downgrade(store.engine, "0006")
    with store.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT key, value FROM settings")).all())
    back = rows[f"pretraining:{dataset_id}"]
    back = json.loads(back) if isinstance(back, str) else back
    assert back["by"] == "olga" and back["justification"] == "Board approved the pilot."
    migrate(store.engine)
