"""Store writes for sampling inspections: opening one, saving a screen of verdicts as a batch
(with the time it took and the rows marked by one action), and deciding the result."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import insert, select, update

from reviews.acceptance.sampling import evaluate as evaluate_sample
from reviews.errors import Conflict, NotFound, ReviewsError
from reviews.store.base import StoreBase, now, retried
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import inspection_batches, inspection_verdicts, inspections
from synth.i18n import N_, Msg


class InspectionWrites(StoreBase):
    @retried
    def open_inspection(self, actor: Actor, dataset_id: int, rows: list[int], min_lower: float) -> int:
        """Start a sampling inspection of an accepted dataset.

        A second identical request (same dataset, sample and required rate) while the first
        is still open returns the first: a double click opens one inspection.
        """
        require(actor, "apply_acceptance")
        with self._transaction() as conn:
            self._serialise_writers(conn)
            for row in conn.execute(
                select(inspections.c.id, inspections.c.rows, inspections.c.min_lower).where(
                    inspections.c.dataset_id == dataset_id, inspections.c.status == "open"
                )
            ):
                if list(row.rows) == list(rows) and row.min_lower == min_lower:
                    return int(row.id)
            inspection_id = conn.execute(
                insert(inspections).values(
                    dataset_id=dataset_id,
                    rows=list(rows),
                    min_lower=min_lower,
                    status="open",
                    created_by=actor.username,
                    created_at=now(),
                )
            ).inserted_primary_key[0]
            self._append_event(
                conn,
                actor.username,
                "inspection.open",
                f"inspection:{inspection_id}",
                {"dataset_id": dataset_id, "sample_size": len(rows), "min_lower": min_lower},
            )
        return int(inspection_id)

    @retried
    def record_verdicts(
        self,
        actor: Actor,
        inspection_id: int,
        verdicts: dict[int, bool],
        *,
        started_at: datetime | None = None,
        marked: Collection[int] = (),
    ) -> None:
        """Append one batch of pass/fail verdicts.

        ``started_at`` is when the screen of rows was shown: the batch keeps the seconds from
        then to now, so a batch judged too fast can be flagged. ``marked`` are the rows whose
        verdict came from the one action that marks the rest of a screen as passing; they are
        counted apart, in the batch and its audit event.
        """
        require(actor, "inspect")
        marked = {int(m) for m in marked}
        if not marked <= {int(k) for k, v in verdicts.items() if v}:
            raise ReviewsError(N_("Only rows saved as passing can be marked by the marking action."))
        stamp = now()
        if started_at is not None and started_at > stamp:
            raise ReviewsError(
                N_("The batch's start time lies in the future; reload the page and judge again.")
            )
        seconds = None if started_at is None else (stamp - started_at).total_seconds()
        with self._transaction() as conn:
            row = conn.execute(
                select(inspections.c.rows, inspections.c.status).where(inspections.c.id == inspection_id)
            ).one_or_none()
            if row is None:
                raise NotFound(Msg("No inspection {id}.", id=inspection_id))
            if row.status != "open":
                raise Conflict(N_("This inspection is finished."))
            sample = set(row.rows)
            for position, passed in verdicts.items():
                if position not in sample:
                    raise Conflict(Msg("Row {row} is not in this inspection's sample.", row=position))
                conn.execute(
                    insert(inspection_verdicts).values(
                        inspection_id=inspection_id,
                        row=int(position),
                        reviewer=actor.username,
                        passed=bool(passed),
                        created_at=stamp,
                    )
                )
            if verdicts:
                conn.execute(
                    insert(inspection_batches).values(
                        inspection_id=inspection_id,
                        reviewer=actor.username,
                        rows=len(verdicts),
                        marked_rows=len(marked),
                        seconds=seconds,
                        started_at=started_at,
                        saved_at=stamp,
                    )
                )
            self._append_event(
                conn,
                actor.username,
                "inspection.verdicts",
                f"inspection:{inspection_id}",
                {
                    "passed": sum(bool(v) for v in verdicts.values()),
                    "failed": sum(not v for v in verdicts.values()),
                    "marked_passing_at_once": len(marked),
                    "seconds": seconds,
                },
            )

    @retried
    def close_inspection(self, actor: Actor, inspection_id: int) -> dict | None:
        """Decide a fully judged inspection from its stored verdicts and record the outcome.

        The result is computed here, in the transaction that records it, from the verdicts
        as stored; nobody can hand in a result. Returns it, or None when the inspection was
        already closed (a second close is a no-op).
        """
        require(actor, "apply_acceptance")
        with self._transaction() as conn:
            row = conn.execute(
                select(inspections.c.rows, inspections.c.status, inspections.c.min_lower)
                .where(inspections.c.id == inspection_id)
                .with_for_update()
            ).one_or_none()
            if row is None:
                raise NotFound(Msg("No inspection {id}.", id=inspection_id))
            if row.status != "open":
                return None
            judged = {
                r.row: r.passed
                for r in conn.execute(
                    select(inspection_verdicts.c.row, inspection_verdicts.c.passed)
                    .where(inspection_verdicts.c.inspection_id == inspection_id)
                    .order_by(inspection_verdicts.c.id)
                )
            }
            if set(judged) != set(row.rows):
                raise Conflict(
                    Msg(
                        "Judge every row of the sample first ({judged} of {size} judged).",
                        judged=len(judged),
                        size=len(row.rows),
                    )
                )
            outcome = evaluate_sample(sum(judged.values()), len(judged), row.min_lower)
            result = {**asdict(outcome), "passed": outcome.passed}
            status = "passed" if outcome.passed else "failed"
            conn.execute(
                update(inspections)
                .where(inspections.c.id == inspection_id)
                .values(status=status, result=result, closed_at=now())
            )
            self._append_event(
                conn, actor.username, f"inspection.{status}", f"inspection:{inspection_id}", result
            )
        return result
