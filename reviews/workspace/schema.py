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
    UniqueConstraint,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("language", String(8), nullable=True),  # None: never chosen, the browser's language applies
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Lockout: failures counted since failed_since; a lock holds until locked_until.
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("failed_since", DateTime(timezone=True), nullable=True),
    Column("locked_until", DateTime(timezone=True), nullable=True),
)

# Server-side sign-in sessions; the browser holds a signed random token whose sha256 is the id.
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default="0"),
)

# Accounts signed in through an OpenID Connect provider: the provider's issuer and subject name
# one person for good (an email or a username can be reassigned), so they alone link to a user.
identities = Table(
    "identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("issuer", String(255), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_sign_in_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("issuer", "subject", name="uq_identities_issuer_subject"),
)

# Failed sign-ins for usernames that do not exist, counted per source and time window: the
# typed text (often a password typed in the wrong box) is never stored.
signin_failures = Table(
    "signin_failures",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("window_start", DateTime(timezone=True), primary_key=True),
    Column("count", Integer, nullable=False),
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

# An officer's recorded permission about one dataset (kinds: ``reviews.store.settings.GRANTS``).
# Every grant stays on record; the newest of a kind for a dataset is the one in force.
grants = Table(
    "grants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("granted_by", String(64), ForeignKey("users.username"), nullable=False),
    Column("justification", Text, nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
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
    # message and error again as ``synth.i18n`` data, so the interface can show them translated
    Column("message_data", JSON, nullable=True),
    Column("error_data", JSON, nullable=True),
    Column("cancel_requested", Boolean, nullable=False, server_default="0"),
    Column("result", JSON, nullable=True),
    Column("worker", String(128), nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("heartbeat_at", DateTime(timezone=True), nullable=True),
)

review_rounds = Table(
    "review_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("mode", String(16), nullable=False),  # pairwise | listwise
    Column("k", Integer, nullable=False),
    Column("overlap", Integer, nullable=False),
    Column("batch_size", Integer, nullable=False),
    Column("blind_items", Integer, nullable=False, server_default="0"),
    # Share of gold tasks (known answer) added to each batch; see reviews.ranking.gold.
    Column("gold_share", Float, nullable=False, server_default="0"),
    Column("current_batch", Integer, nullable=False, server_default="0"),
    Column("status", String(16), nullable=False),  # open | closed
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

review_tasks = Table(
    "review_tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("review_rounds.id"), nullable=False, index=True),
    Column("batch", Integer, nullable=False),
    Column("task_key", String(64), nullable=False),
    Column("mode", String(16), nullable=False),  # pairwise | listwise | blind
    Column("rows", JSON, nullable=False),
    Column("source", String(16), nullable=True),  # blind items only: holdout | synthetic; never shown
    UniqueConstraint("round_id", "task_key", name="uq_review_tasks_round_key"),
)

task_assignments = Table(
    "task_assignments",
    metadata,
    Column("task_id", Integer, ForeignKey("review_tasks.id"), primary_key=True),
    Column("reviewer", String(64), primary_key=True),
)

# Append-only: the store inserts, never updates or deletes; a changed answer is a new row.
review_responses = Table(
    "review_responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer, ForeignKey("review_tasks.id"), nullable=False, index=True),
    Column("round_id", Integer, ForeignKey("review_rounds.id"), nullable=False, index=True),
    Column("reviewer", String(64), nullable=False),
    Column("answer", JSON, nullable=False),  # {"ranking": [...]} | {"label": "real"} | {"skipped": true}
    Column("time_spent_ms", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

row_flags = Table(
    "row_flags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("review_rounds.id"), nullable=False, index=True),
    Column("response_id", Integer, ForeignKey("review_responses.id"), nullable=False),
    Column("reviewer", String(64), nullable=False),
    Column("row", Integer, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

round_models = Table(
    "round_models",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("review_rounds.id"), nullable=False, index=True),
    Column("batch", Integer, nullable=False),
    Column("n_pairs", Integer, nullable=False),
    Column("weights", JSON, nullable=False),
    Column("scores", JSON, nullable=False),
    Column("fitted_at", DateTime(timezone=True), nullable=False),
)

acceptance_decisions = Table(
    "acceptance_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("review_rounds.id"), nullable=False),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("accepted_dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("threshold", Float, nullable=False),
    Column("min_flags", Integer, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("decided_by", String(64), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

inspections = Table(
    "inspections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("rows", JSON, nullable=False),
    Column("min_lower", Float, nullable=False),
    Column("status", String(16), nullable=False),  # open | passed | failed
    Column("result", JSON, nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),  # when it passed or failed
)

inspection_verdicts = Table(
    "inspection_verdicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("inspection_id", Integer, ForeignKey("inspections.id"), nullable=False, index=True),
    Column("row", Integer, nullable=False),
    Column("reviewer", String(64), nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One saved screen of an inspection: how many rows a reviewer judged, how many of them by the
# one action that marks the rest of the screen as passing, and the time from showing to saving.
inspection_batches = Table(
    "inspection_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("inspection_id", Integer, ForeignKey("inspections.id"), nullable=False, index=True),
    Column("reviewer", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("marked_rows", Integer, nullable=False, server_default="0"),
    Column("seconds", Float, nullable=True),  # None: the screen's start was not known
    Column("started_at", DateTime(timezone=True), nullable=True),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("params", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Append-only: each save keeps the whole set of documentation fields; the newest row counts.
signoff_documentation = Table(
    "signoff_documentation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("fields", JSON, nullable=False),
    Column("written_by", String(64), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
)

# An officer's signed verdict; ``record`` is the canonical JSON exactly as signed.
signoffs = Table(
    "signoffs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False, index=True),
    Column("verdict", String(32), nullable=False),  # approve | approve_with_conditions | reject
    Column("comment", Text, nullable=False, server_default=""),
    Column("override_justification", Text, nullable=True),
    Column("evaluation_id", Integer, ForeignKey("evaluations.id"), nullable=True),
    Column("dataset_sha256", String(64), nullable=False),
    Column("report_sha256", String(64), nullable=True),
    Column("report_path", String(512), nullable=True),
    Column("record", Text, nullable=False),
    Column("signature", String(128), nullable=False),  # hex Ed25519 signature of ``record``
    Column("public_key", Text, nullable=False),  # PEM, so old signatures stay checkable after a key change
    Column("key_fingerprint", String(64), nullable=False),
    Column("officer", String(64), nullable=False),
    Column("signed_at", DateTime(timezone=True), nullable=False),
)
