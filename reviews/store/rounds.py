"""Store writes for review rounds: opening, batches of tasks, append-only responses and flags,
preference-model snapshots and acceptance decisions (inspections: ``reviews.store.inspections``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from reviews.errors import Conflict, NotFound, PermissionDenied
from reviews.store.base import StoreBase, now, retried
from reviews.store.datasets import NewDataset
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import (
    acceptance_decisions,
    datasets,
    review_responses,
    review_rounds,
    review_tasks,
    round_models,
    row_flags,
    task_assignments,
)
from synth.i18n import N_, Msg

FLAG_REASONS = ("impossible_value", "implausible_combination", "looks_copied", "formatting", "other")


@dataclass(frozen=True)
class NewTask:
    """One task of a batch, with the reviewers it goes to."""

    key: str
    mode: str
    rows: list[int]
    reviewers: tuple[str, ...]
    source: str | None = None


@dataclass(frozen=True)
class Flag:
    """A reviewer's mark that a shown row is implausible."""

    row: int
    reason: str
    note: str = ""


class RoundWrites(StoreBase):
    @retried
    def open_round(
        self,
        actor: Actor,
        dataset_id: int,
        mode: str,
        k: int,
        overlap: int,
        batch_size: int,
        blind_items: int,
        first_batch: list[NewTask],
        gold_share: float = 0.0,
    ) -> int:
        """Open a review round on a synthetic dataset with its first batch of tasks."""
        require(actor, "open_round")
        with self._transaction() as conn:
            round_id = conn.execute(
                insert(review_rounds).values(
                    dataset_id=dataset_id,
                    mode=mode,
                    k=k,
                    overlap=overlap,
                    batch_size=batch_size,
                    blind_items=blind_items,
                    gold_share=gold_share,
                    current_batch=1,
                    status="open",
                    created_by=actor.username,
                    created_at=now(),
                )
            ).inserted_primary_key[0]
            self._insert_tasks(conn, round_id, 1, first_batch)
            self._append_event(
                conn,
                actor.username,
                "round.open",
                f"round:{round_id}",
                {
                    "dataset_id": dataset_id,
                    "mode": mode,
                    "k": k,
                    "overlap": overlap,
                    "batch_size": batch_size,
                    "blind_items": blind_items,
                    "gold_share": gold_share,
                    "tasks": len(first_batch),
                },
            )
        return int(round_id)

    def _insert_tasks(self, conn: Connection, round_id: int, batch: int, tasks: list[NewTask]) -> None:
        for task in tasks:
            task_id = conn.execute(
                insert(review_tasks).values(
                    round_id=round_id,
                    batch=batch,
                    task_key=task.key,
                    mode=task.mode,
                    rows=list(task.rows),
                    source=task.source,
                )
            ).inserted_primary_key[0]
            for reviewer in task.reviewers:
                conn.execute(insert(task_assignments).values(task_id=task_id, reviewer=reviewer))

    @retried
    def add_batch(self, round_id: int, after_batch: int, tasks: list[NewTask], model: dict | None) -> bool:
        """Append the next batch (and the model refit that chose it) unless another writer already did.

        Returns False when ``after_batch`` is no longer the round's current batch: two reviewers
        finishing together must not both open a batch.
        """
        try:
            with self._transaction() as conn:
                moved = conn.execute(
                    update(review_rounds)
                    .where(
                        review_rounds.c.id == round_id,
                        review_rounds.c.current_batch == after_batch,
                        review_rounds.c.status == "open",
                    )
                    .values(current_batch=after_batch + 1)
                ).rowcount
                if not moved:
                    return False
                if model is not None:
                    conn.execute(
                        insert(round_models).values(
                            round_id=round_id, batch=after_batch, fitted_at=now(), **model
                        )
                    )
                self._insert_tasks(conn, round_id, after_batch + 1, tasks)
                self._append_event(
                    conn,
                    "system",
                    "round.batch",
                    f"round:{round_id}",
                    {
                        "batch": after_batch + 1,
                        "tasks": len(tasks),
                        "model_pairs": None if model is None else model["n_pairs"],
                    },
                )
        except IntegrityError:
            return False
        return True

    @retried
    def record_model(self, round_id: int, batch: int, model: dict) -> None:
        """Keep a refit of the preference model (weights and every row's score)."""
        with self._transaction() as conn:
            conn.execute(
                insert(round_models).values(round_id=round_id, batch=batch, fitted_at=now(), **model)
            )
            self._append_event(
                conn,
                "system",
                "round.model",
                f"round:{round_id}",
                {"batch": batch, "n_pairs": model["n_pairs"]},
            )

    @retried
    def submit_response(
        self, actor: Actor, task_id: int, answer: dict, time_spent_ms: int, flags: list[Flag] = ()
    ) -> int:
        """Append a reviewer's answer (and flags). Nothing is ever overwritten: a changed answer is
        a new row."""
        require(actor, "review")
        for flag in flags:
            if flag.reason not in FLAG_REASONS:
                raise Conflict(
                    Msg(
                        "Unknown flag reason {reason}; choose one of {reasons}.",
                        reason=repr(flag.reason),
                        reasons=", ".join(FLAG_REASONS),
                    )
                )
        with self._transaction() as conn:
            task = conn.execute(
                select(review_tasks.c.round_id, review_tasks.c.rows, review_rounds.c.status)
                .join(review_rounds, review_rounds.c.id == review_tasks.c.round_id)
                .where(review_tasks.c.id == task_id)
            ).one_or_none()
            if task is None:
                raise NotFound(Msg("No review task {id}.", id=task_id))
            if task.status != "open":
                raise Conflict(N_("This review round is closed; answers are no longer taken."))
            assigned = conn.execute(
                select(task_assignments.c.reviewer).where(
                    task_assignments.c.task_id == task_id, task_assignments.c.reviewer == actor.username
                )
            ).first()
            if assigned is None:
                raise PermissionDenied(N_("This task was not given to you."))
            if any(flag.row not in task.rows for flag in flags):
                raise Conflict(N_("A flag names a row that is not part of this task."))
            stamp = now()
            response_id = conn.execute(
                insert(review_responses).values(
                    task_id=task_id,
                    round_id=task.round_id,
                    reviewer=actor.username,
                    answer=answer,
                    time_spent_ms=max(0, int(time_spent_ms)),
                    created_at=stamp,
                )
            ).inserted_primary_key[0]
            for flag in flags:
                conn.execute(
                    insert(row_flags).values(
                        round_id=task.round_id,
                        response_id=response_id,
                        reviewer=actor.username,
                        row=flag.row,
                        reason=flag.reason,
                        note=flag.note[:2000],
                        created_at=stamp,
                    )
                )
            self._append_event(
                conn,
                actor.username,
                "review.response",
                f"task:{task_id}",
                {
                    "round_id": task.round_id,
                    "answer": answer,
                    "time_spent_ms": int(time_spent_ms),
                    "flags": [{"row": f.row, "reason": f.reason} for f in flags],
                },
            )
        return int(response_id)

    @retried
    def close_round(self, actor: Actor, round_id: int) -> None:
        require(actor, "open_round")
        with self._transaction() as conn:
            if not conn.execute(
                update(review_rounds).where(review_rounds.c.id == round_id).values(status="closed")
            ).rowcount:
                raise NotFound(Msg("No review round {id}.", id=round_id))
            self._append_event(conn, actor.username, "round.close", f"round:{round_id}")

    @retried
    def apply_acceptance(
        self,
        actor: Actor,
        round_id: int,
        dataset_id: int,
        threshold: float,
        min_flags: int,
        counts: dict,
        accepted: NewDataset,
    ) -> int:
        """Record an acceptance decision and keep the accepted rows as a new dataset, together."""
        require(actor, "apply_acceptance")
        with self._files_for(accepted) as (sha, relative, source_relative), self._transaction() as conn:
            self._serialise_writers(conn)
            self._refuse_same_acceptance(conn, round_id, threshold, min_flags, sha)
            accepted_id = self._insert_dataset(
                conn, actor, accepted, sha, relative, source_relative, "dataset.accept"
            )
            conn.execute(
                insert(acceptance_decisions).values(
                    round_id=round_id,
                    dataset_id=dataset_id,
                    accepted_dataset_id=accepted_id,
                    threshold=threshold,
                    min_flags=min_flags,
                    counts=counts,
                    decided_by=actor.username,
                    decided_at=now(),
                )
            )
            self._append_event(
                conn,
                actor.username,
                "acceptance.apply",
                f"round:{round_id}",
                {
                    "dataset_id": dataset_id,
                    "accepted_dataset_id": accepted_id,
                    "threshold": threshold,
                    "min_flags": min_flags,
                    "counts": counts,
                },
            )
        return accepted_id

    def _refuse_same_acceptance(
        self, conn, round_id: int, threshold: float, min_flags: int, sha: str
    ) -> None:
        # The same settings on the same answers give the same rows: a second dataset of them
        # would only be a duplicate with the same name.
        earlier = conn.execute(
            select(acceptance_decisions.c.accepted_dataset_id)
            .join(datasets, datasets.c.id == acceptance_decisions.c.accepted_dataset_id)
            .where(
                acceptance_decisions.c.round_id == round_id,
                acceptance_decisions.c.threshold == threshold,
                acceptance_decisions.c.min_flags == min_flags,
                datasets.c.sha256 == sha,
            )
        ).first()
        if earlier is not None:
            raise Conflict(
                Msg(
                    "Acceptance with these settings was already applied to round {round_id}: its rows "
                    "are dataset:{dataset_id}. Change the threshold or collect more answers first.",
                    round_id=round_id,
                    dataset_id=earlier.accepted_dataset_id,
                )
            )
