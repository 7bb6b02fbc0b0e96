"""Store writes for background jobs: queue, claim, progress, cancel, finish, recover."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from reviews.audit.hashing import canonical_json
from reviews.errors import Conflict, NotFound, PermissionDenied
from reviews.jobs.kinds import job_kind
from reviews.store.base import DUPLICATE_SECONDS, StoreBase, as_utc, now, retried
from reviews.store.job_requester import requester_refusal
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import jobs
from synth.i18n import N_, Msg, to_data

STOPPED = N_("the worker stopped while running this job")


def _message_values(message: str) -> dict:
    """The message column and its translatable form (see ``synth.i18n``)."""
    return {"message": message[:500], "message_data": to_data(message) if isinstance(message, Msg) else None}


class JobWrites(StoreBase):
    @retried
    def enqueue_job(self, actor: Actor, kind: str, params: dict) -> int:
        """Queue background work (generation, evaluation); any worker may claim it.

        The permission comes from the job kind (``reviews.jobs.kinds``), never from the caller,
        so no role can queue work it may not do itself.
        """
        require(actor, job_kind(kind).permission)
        with self._transaction() as conn:
            self._serialise_writers(conn)
            if (first := self._same_job(conn, actor, kind, params)) is not None:
                return first
            job_id = conn.execute(
                insert(jobs).values(
                    kind=kind,
                    params=params,
                    status="queued",
                    progress=0.0,
                    **_message_values(N_("queued")),
                    cancel_requested=False,
                    created_by=actor.username,
                    created_at=now(),
                )
            ).inserted_primary_key[0]
            self._append_event(
                conn, actor.username, "job.enqueue", f"job:{job_id}", {"kind": kind, "params": params}
            )
        self.job_queued.set()  # committed: a runner may claim it now
        return int(job_id)

    def _same_job(self, conn, actor: Actor, kind: str, params: dict) -> int | None:
        # A double click: the same request by the same person while the first is queued or
        # running, or within a few seconds of it, is the first request.
        since = now() - timedelta(seconds=DUPLICATE_SECONDS)
        candidates = conn.execute(
            select(jobs.c.id, jobs.c.params, jobs.c.status, jobs.c.created_at)
            .where(jobs.c.kind == kind, jobs.c.created_by == actor.username)
            .order_by(jobs.c.id.desc())
            .limit(50)
        ).all()
        wanted = canonical_json(params)
        for row in reversed(candidates):
            live = row.status in ("queued", "running") or as_utc(row.created_at) >= since
            if live and canonical_json(row.params) == wanted:
                return int(row.id)
        return None

    @retried
    def claim_job(self, worker: str, kinds: tuple[str, ...]) -> dict | None:
        """Take the oldest queued job of ``kinds``; concurrent workers never get the same one.

        A job whose requester has since been disabled, or no longer holds the permission its
        kind needs, is failed and audited (``job.refused``) instead, and the next one is taken.
        """
        with self._transaction() as conn:
            while True:
                # SKIP LOCKED lets replicas claim different jobs at once on PostgreSQL; SQLite
                # ignores it and serialises through BEGIN IMMEDIATE instead.
                queued = conn.execute(
                    select(jobs.c.id, jobs.c.kind, jobs.c.created_by)
                    .where(jobs.c.status == "queued", jobs.c.kind.in_(kinds))
                    .order_by(jobs.c.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if queued is None:
                    return None
                refusal = requester_refusal(conn, queued.kind, queued.created_by)
                if refusal is None:
                    break
                self._refuse_job(conn, queued.id, queued.created_by, refusal)
            job_id = queued.id
            stamp = now()
            conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id)
                .values(
                    status="running",
                    worker=worker,
                    started_at=stamp,
                    heartbeat_at=stamp,
                    **_message_values(N_("started")),
                )
            )
            self._append_event(conn, "system", "job.start", f"job:{job_id}", {"worker": worker})
            return dict(conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().one())

    def _refuse_job(self, conn, job_id: int, requester: str, refusal: Msg) -> None:
        conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(
                status="failed",
                finished_at=now(),
                error=str(refusal),
                error_data=to_data(refusal),
                **_message_values(refusal),
            )
        )
        self._append_event(
            conn,
            "system",
            "job.refused",
            f"job:{job_id}",
            {"requested_by": requester, "reason": str(refusal)},
        )

    @retried
    def report_progress(self, job_id: int, fraction: float, message: str) -> bool:
        """Record progress (not audited: it changes no record); returns True when cancel was asked."""
        with self._transaction() as conn:
            conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id, jobs.c.status == "running")
                .values(
                    progress=max(0.0, min(1.0, float(fraction))),
                    heartbeat_at=now(),
                    **_message_values(message),
                )
            )
            return bool(conn.execute(select(jobs.c.cancel_requested).where(jobs.c.id == job_id)).scalar_one())

    @retried
    def heartbeat(self, job_id: int) -> None:
        """Say the worker running ``job_id`` is alive (not audited), so it is not taken for dead."""
        with self._transaction() as conn:
            conn.execute(
                update(jobs).where(jobs.c.id == job_id, jobs.c.status == "running").values(heartbeat_at=now())
            )

    @retried
    def request_cancel(self, actor: Actor, job_id: int) -> None:
        """Ask a queued or running job to stop; the owner or an admin may."""
        with self._transaction() as conn:
            row = conn.execute(
                select(jobs.c.created_by, jobs.c.status).where(jobs.c.id == job_id)
            ).one_or_none()
            if row is None:
                raise NotFound(Msg("No job with id {job_id}.", job_id=job_id))
            if row.created_by != actor.username and actor.role not in ("admin", "system"):
                raise PermissionDenied(N_("Only the person who started a job, or an admin, may cancel it."))
            if row.status not in ("queued", "running"):
                raise Conflict(
                    Msg("Job {job_id} has already ended ({status}).", job_id=job_id, status=row.status)
                )
            values = {"cancel_requested": True}
            if row.status == "queued":
                values.update(
                    status="cancelled",
                    finished_at=now(),
                    **_message_values(N_("cancelled before it started")),
                )
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))
            self._append_event(conn, actor.username, "job.cancel", f"job:{job_id}")

    @retried
    def finish_job(
        self,
        job_id: int,
        status: str,
        message: str,
        result: dict | None = None,
        error: str | list[str] | None = None,
    ) -> None:
        r"""Close a job as done, failed or cancelled; ``message`` and ``error`` may be ``Msg``\ s
        (``error`` a list of them, for an input error's problems)."""
        if status not in ("done", "failed", "cancelled"):
            raise ValueError(f"not a final job status: {status}")
        error_text = "; ".join(error) if isinstance(error, list) else error
        with self._transaction() as conn:
            conn.execute(
                update(jobs)
                .where(jobs.c.id == job_id)
                .values(
                    status=status,
                    result=result,
                    error=error_text,
                    finished_at=now(),
                    **_message_values(message),
                    error_data=None if error is None else to_data(error),
                    progress=1.0 if status == "done" else jobs.c.progress,
                )
            )
            self._append_event(
                conn,
                "system",
                f"job.{status}",
                f"job:{job_id}",
                {"message": message[:500], "error": error_text},
            )

    @retried
    def fail_stale_jobs(self, older_than_seconds: float) -> list[int]:
        """Mark running jobs whose worker stopped sending heartbeats as failed (it died)."""
        cutoff = now().timestamp() - older_than_seconds
        with self._transaction() as conn:
            running = conn.execute(
                select(jobs.c.id, jobs.c.heartbeat_at).where(jobs.c.status == "running")
            ).all()
            stale = [
                r.id for r in running if r.heartbeat_at is None or as_utc(r.heartbeat_at).timestamp() < cutoff
            ]
            for job_id in stale:
                conn.execute(
                    update(jobs)
                    .where(jobs.c.id == job_id)
                    .values(
                        status="failed",
                        finished_at=now(),
                        error=STOPPED,
                        error_data=to_data(STOPPED),
                        **_message_values(N_("failed: the worker stopped; start the job again")),
                    )
                )
                self._append_event(conn, "system", "job.failed", f"job:{job_id}", {"error": "worker stopped"})
        return stale
