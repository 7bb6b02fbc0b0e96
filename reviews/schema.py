"""Table definitions. Alembic migrations in ``reviews/migrations`` create exactly these."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("language", String(8), nullable=False, server_default="en"),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

datasets = Table(
    "datasets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # real | synthetic | accepted
    Column("parent_id", Integer, ForeignKey("datasets.id"), nullable=True),
    Column("depth", Integer, nullable=False, server_default="0"),
    Column("purpose", String(32), nullable=True),
    Column("labels", JSON, nullable=False),
    Column("lineage", JSON, nullable=True),
    Column("profile", JSON, nullable=True),
    Column("rows", Integer, nullable=False),
    Column("columns", Integer, nullable=False),
    Column("train_id", Integer, ForeignKey("datasets.id"), nullable=True),
    Column("holdout_id", Integer, ForeignKey("datasets.id"), nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("artifact_path", String(512), nullable=False),
    Column("source_path", String(512), nullable=True),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("time", String(40), nullable=False),  # ISO-8601 text so the hash input never depends on the driver
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False, index=True),
    Column("object", String(255), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row: the chain's head. Writers lock it (FOR UPDATE) so appends serialise on every database.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

app_settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JSON, nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("params", JSON, nullable=False),
    Column("status", String(16), nullable=False, index=True),  # queued|running|done|failed|cancelled
    Column("progress", Float, nullable=False, server_default="0"),
    Column("message", Text, nullable=False, server_default=""),
    Column("error", Text, nullable=True),
    Column("cancel_requested", Boolean, nullable=False, server_default="0"),
    Column("result", JSON, nullable=True),
    Column("worker", String(128), nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("heartbeat_at", DateTime(timezone=True), nullable=True),
)
