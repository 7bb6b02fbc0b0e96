"""The one write path. Every change of state happens here, in a transaction that appends
its audit event to the hash chain, so a change and its record stand or fall together.

Reads live in ``reviews.queries``; nothing else writes to the database or the artifact folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from reviews import artifacts
from reviews.audit import canonical_json, event_hash
from reviews.config import Settings, load_settings
from reviews.db import make_engine, migrate
from reviews.errors import AuthenticationFailed, Conflict, NotFound, PermissionDenied, ReviewsError
from reviews.passwords import hash_password, password_matches
from reviews.permissions import ROLES, Actor, require
from reviews.schema import app_settings, audit_events, audit_head, datasets, jobs, users

DATASET_KINDS = ("real", "synthetic", "accepted")
PERMISSION_BY_KIND = {"real": "upload", "synthetic": "generate", "accepted": "apply_acceptance"}
LANGUAGES = ("en", "zh")


def now() -> datetime:
    return datetime.now(timezone.utc)


def _as_utc(stamp: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class NewDataset:
    """What a caller hands the store to keep a table: the frame plus its catalogue entry."""

    name: str
    frame: pd.DataFrame
    kind: str = "real"
    parent_id: int | None = None
    depth: int = 0
    purpose: str | None = None
    labels: dict | None = None
    lineage: dict | None = None
    profile: dict | None = None
    train_id: int | None = None
    holdout_id: int | None = None
    source_bytes: bytes | None = None
    source_suffix: str = ""


class Store:
    """Database plus artifact folder of one workspace."""

    def __init__(self, engine: Engine, artifact_root: Path):
        self.engine = engine
        self.artifact_root = artifact_root

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def _append_event(self, conn: Connection, actor: str, action: str, obj: str, payload: dict | None = None) -> int:
        # Locking the head row makes concurrent writers queue here on PostgreSQL; on SQLite
        # BEGIN IMMEDIATE already holds the database write lock.
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1).with_for_update()).one()
        seq, time = head.seq + 1, now().isoformat(timespec="microseconds")
        payload_text = canonical_json(payload or {})
        digest = event_hash(head.hash, seq, time, actor, action, obj, payload_text)
        conn.execute(
            insert(audit_events).values(
                seq=seq, time=time, actor=actor, action=action, object=obj,
                payload=payload_text, prev_hash=head.hash, hash=digest,
            )
        )
        conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
        return seq

    # -- users ------------------------------------------------------------------------------

    def create_first_admin(self, username: str, password: str) -> int:
        """First-run setup: create the admin, refused as soon as any user exists."""
        if self.user_count() > 0:
            raise PermissionDenied("The workspace already has users; ask an admin for an account.")
        return self.create_user(Actor(username.strip(), "setup"), username, password, "admin")

    def create_user(self, actor: Actor, username: str, password: str, role: str) -> int:
        """Create a user; only admins (or the command line) may, except for the very first admin."""
        if self.user_count() > 0:
            require(actor, "manage_users")
        elif role != "admin":
            raise ReviewsError("The first user must be an admin: create the admin first, then the others.")
        username = username.strip()
        if not username or len(username) > 64:
            raise ReviewsError("Choose a username of 1 to 64 characters.")
        if role not in ROLES:
            raise ReviewsError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
        password_hash = hash_password(password)
        try:
            with self._transaction() as conn:
                user_id = conn.execute(
                    insert(users).values(username=username, password_hash=password_hash, role=role,
                                         language="en", active=True, created_at=now())
                ).inserted_primary_key[0]
                self._append_event(conn, actor.username, "user.create", f"user:{username}", {"role": role})
        except IntegrityError as exc:
            raise Conflict(f"A user named {username!r} already exists; pick another name.") from exc
        return int(user_id)

    def set_role(self, actor: Actor, username: str, role: str) -> None:
        """Change a user's role (admins only)."""
        require(actor, "manage_users")
        if role not in ROLES:
            raise ReviewsError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
        with self._transaction() as conn:
            old = conn.execute(select(users.c.role).where(users.c.username == username)).scalar_one_or_none()
            if old is None:
                raise NotFound(f"No user named {username!r}.")
            conn.execute(update(users).where(users.c.username == username).values(role=role))
            self._append_event(conn, actor.username, "user.set_role", f"user:{username}", {"from": old, "to": role})

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Disable or re-enable a user (admins only); disabled users cannot sign in."""
        require(actor, "manage_users")
        if username == actor.username and not active:
            raise ReviewsError("You cannot disable your own account; ask another admin.")
        with self._transaction() as conn:
            changed = conn.execute(update(users).where(users.c.username == username).values(active=active)).rowcount
            if not changed:
                raise NotFound(f"No user named {username!r}.")
            self._append_event(conn, actor.username, "user.set_active", f"user:{username}", {"active": active})

    def set_language(self, actor: Actor, language: str) -> None:
        """Remember the interface language a user chose."""
        if language not in LANGUAGES:
            raise ReviewsError(f"Unsupported language {language!r}: choose one of {', '.join(LANGUAGES)}.")
        with self._transaction() as conn:
            conn.execute(update(users).where(users.c.username == actor.username).values(language=language))
            self._append_event(conn, actor.username, "user.set_language", f"user:{actor.username}", {"language": language})

    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password; failed attempts are audited, and the message never says which part was wrong."""
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.username == username.strip())).mappings().one_or_none()
        if row is None or not row["active"] or not password_matches(row["password_hash"], password):
            with self._transaction() as conn:
                self._append_event(conn, username.strip()[:64] or "?", "login.failed", f"user:{username.strip()[:64]}")
            raise AuthenticationFailed("Wrong username or password, or the account is disabled.")
        with self._transaction() as conn:
            self._append_event(conn, row["username"], "login", f"user:{row['username']}")
        return Actor(row["username"], row["role"], row["id"])

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    # -- datasets ---------------------------------------------------------------------------

    def add_dataset(self, actor: Actor, new: NewDataset, action: str = "dataset.import") -> int:
        """Keep a table as Parquet named by its sha256 (plus the source bytes) and catalogue it.

        Files are written first, atomically; if the catalogue insert fails, files this call
        created are removed again, so a failed import leaves nothing behind.
        """
        if new.kind not in DATASET_KINDS:
            raise ReviewsError(f"Unknown dataset kind {new.kind!r}.")
        require(actor, PERMISSION_BY_KIND[new.kind])
        parquet = artifacts.frame_to_parquet_bytes(new.frame)
        sha = artifacts.sha256_hex(parquet)
        relative = f"datasets/{sha}.parquet"
        created: list[Path] = []
        if artifacts.write_atomic(self.artifact_root / relative, parquet):
            created.append(self.artifact_root / relative)
        source_relative = None
        if new.source_bytes is not None:
            source_relative = f"datasets/{sha}.source{new.source_suffix}"
            if artifacts.write_atomic(self.artifact_root / source_relative, new.source_bytes):
                created.append(self.artifact_root / source_relative)
        try:
            with self._transaction() as conn:
                dataset_id = conn.execute(
                    insert(datasets).values(
                        name=new.name, sha256=sha, kind=new.kind, parent_id=new.parent_id, depth=new.depth,
                        purpose=new.purpose, labels=new.labels or {}, lineage=new.lineage, profile=new.profile,
                        rows=len(new.frame), columns=new.frame.shape[1], train_id=new.train_id,
                        holdout_id=new.holdout_id, created_by=actor.username, created_at=now(),
                        artifact_path=relative, source_path=source_relative,
                    )
                ).inserted_primary_key[0]
                self._append_event(conn, actor.username, action, f"dataset:{dataset_id}", {
                    "name": new.name, "sha256": sha, "kind": new.kind, "rows": len(new.frame),
                    "parent_id": new.parent_id, "depth": new.depth, "purpose": new.purpose,
                })
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
        return int(dataset_id)

    # -- jobs -------------------------------------------------------------------------------

    def enqueue_job(self, actor: Actor, kind: str, params: dict, permission: str) -> int:
        """Queue background work (generation, evaluation); any worker may claim it."""
        require(actor, permission)
        with self._transaction() as conn:
            job_id = conn.execute(insert(jobs).values(
                kind=kind, params=params, status="queued", progress=0.0, message="queued",
                cancel_requested=False, created_by=actor.username, created_at=now(),
            )).inserted_primary_key[0]
            self._append_event(conn, actor.username, "job.enqueue", f"job:{job_id}", {"kind": kind, "params": params})
        return int(job_id)

    def claim_job(self, worker: str, kinds: tuple[str, ...]) -> dict | None:
        """Take the oldest queued job of ``kinds``; concurrent workers never get the same one."""
        with self._transaction() as conn:
            # SKIP LOCKED lets replicas claim different jobs at once on PostgreSQL; SQLite ignores
            # it and serialises through BEGIN IMMEDIATE instead.
            job_id = conn.execute(
                select(jobs.c.id).where(jobs.c.status == "queued", jobs.c.kind.in_(kinds))
                .order_by(jobs.c.id).limit(1).with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if job_id is None:
                return None
            stamp = now()
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(
                status="running", worker=worker, started_at=stamp, heartbeat_at=stamp, message="started"))
            self._append_event(conn, "system", "job.start", f"job:{job_id}", {"worker": worker})
            return dict(conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().one())

    def report_progress(self, job_id: int, fraction: float, message: str) -> bool:
        """Record progress (not audited: it changes no record); returns True when cancel was asked."""
        with self._transaction() as conn:
            conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.status == "running").values(
                progress=max(0.0, min(1.0, float(fraction))), message=message[:500], heartbeat_at=now()))
            return bool(conn.execute(select(jobs.c.cancel_requested).where(jobs.c.id == job_id)).scalar_one())

    def request_cancel(self, actor: Actor, job_id: int) -> None:
        """Ask a queued or running job to stop; the owner or an admin may."""
        with self._transaction() as conn:
            row = conn.execute(select(jobs.c.created_by, jobs.c.status).where(jobs.c.id == job_id)).one_or_none()
            if row is None:
                raise NotFound(f"No job with id {job_id}.")
            if row.created_by != actor.username and actor.role not in ("admin", "system"):
                raise PermissionDenied("Only the person who started a job, or an admin, may cancel it.")
            if row.status not in ("queued", "running"):
                raise Conflict(f"Job {job_id} has already ended ({row.status}).")
            values = {"cancel_requested": True}
            if row.status == "queued":
                values.update(status="cancelled", finished_at=now(), message="cancelled before it started")
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))
            self._append_event(conn, actor.username, "job.cancel", f"job:{job_id}")

    def finish_job(self, job_id: int, status: str, message: str, result: dict | None = None,
                   error: str | None = None) -> None:
        """Close a job as done, failed or cancelled."""
        if status not in ("done", "failed", "cancelled"):
            raise ValueError(f"not a final job status: {status}")
        with self._transaction() as conn:
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(
                status=status, message=message[:500], result=result, error=error, finished_at=now(),
                progress=1.0 if status == "done" else jobs.c.progress))
            self._append_event(conn, "system", f"job.{status}", f"job:{job_id}", {"message": message[:500], "error": error})

    def fail_stale_jobs(self, older_than_seconds: float) -> list[int]:
        """Mark running jobs whose worker stopped sending heartbeats as failed (it died)."""
        cutoff = now().timestamp() - older_than_seconds
        with self._transaction() as conn:
            running = conn.execute(select(jobs.c.id, jobs.c.heartbeat_at).where(jobs.c.status == "running")).all()
            stale = [r.id for r in running if r.heartbeat_at is None or _as_utc(r.heartbeat_at).timestamp() < cutoff]
            for job_id in stale:
                conn.execute(update(jobs).where(jobs.c.id == job_id).values(
                    status="failed", finished_at=now(), error="the worker stopped while running this job",
                    message="failed: the worker stopped; start the job again"))
                self._append_event(conn, "system", "job.failed", f"job:{job_id}", {"error": "worker stopped"})
        return stale

    # -- settings ---------------------------------------------------------------------------

    def set_setting(self, actor: Actor, key: str, value: Any) -> None:
        """Change a workspace setting such as the lineage depth limit or the gates (admins only)."""
        require(actor, "change_settings")
        json.dumps(value)  # refuse values that could not be stored as JSON before touching the database
        with self._transaction() as conn:
            old = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar_one_or_none()
            if old is None:
                conn.execute(insert(app_settings).values(key=key, value=value))
            else:
                conn.execute(update(app_settings).where(app_settings.c.key == key).values(value=value))
            self._append_event(conn, actor.username, "settings.change", f"setting:{key}", {"from": old, "to": value})


def open_store(settings: Settings | None = None) -> Store:
    """Open (and migrate) the workspace described by ``settings`` or the environment."""
    settings = settings or load_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    migrate(engine)
    return Store(engine, settings.artifacts)
