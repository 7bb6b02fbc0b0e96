"""Read-only views of background jobs."""

from __future__ import annotations

from sqlalchemy import select

from reviews.queries.rows import row_by_id
from reviews.store import Store
from reviews.workspace.schema import jobs


def get_job(store: Store, job_id: int) -> dict:
    return row_by_id(store.engine, jobs, job_id, "job")


def latest_job(store: Store, kind: str, created_by: str | None = None) -> dict | None:
    """The newest job of ``kind`` (optionally by one user): what a reloaded page shows again."""
    query = select(jobs).where(jobs.c.kind == kind).order_by(jobs.c.id.desc()).limit(1)
    if created_by:
        query = query.where(jobs.c.created_by == created_by)
    with store.engine.connect() as conn:
        row = conn.execute(query).mappings().one_or_none()
    return None if row is None else dict(row)


def list_jobs(store: Store, kind: str | None = None, limit: int = 50) -> list[dict]:
    query = select(jobs).order_by(jobs.c.id.desc()).limit(limit)
    if kind:
        query = query.where(jobs.c.kind == kind)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
