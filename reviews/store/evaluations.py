"""Store writes for evaluation results (the evidence reviewers and officers decide from)."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from reviews.errors import NotFound
from reviews.store.base import StoreBase, now, retried
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import app_settings, datasets, evaluations
from synth.i18n import Msg
from synth.purposes.gates import evaluate_gates, normalise_purpose

GATES_SETTING = "gates"


class EvaluationWrites(StoreBase):
    @retried
    def record_evaluation(self, actor: Actor, dataset_id: int, params: dict, result: dict) -> int:
        """Keep one evaluation of a dataset with a short summary in the audit event."""
        require(actor, "evaluate")
        with self._transaction() as conn:
            result = self._with_recomputed_gates(conn, dataset_id, result)
            evaluation_id = conn.execute(
                insert(evaluations).values(
                    dataset_id=dataset_id,
                    params=params,
                    result=result,
                    created_by=actor.username,
                    created_at=now(),
                )
            ).inserted_primary_key[0]
            self._append_event(
                conn,
                actor.username,
                "evaluation.record",
                f"dataset:{dataset_id}",
                {
                    "evaluation_id": evaluation_id,
                    "params": params,
                    "overall": (result.get("fidelity") or {}).get("overall"),
                    "gates": {g["name"]: g["status"] for g in result.get("gates", [])},
                },
            )
        return int(evaluation_id)

    def _with_recomputed_gates(self, conn: Connection, dataset_id: int, result: dict) -> dict:
        # The gates decide sign-off, so they are not taken from the caller: they are judged
        # again here from the measured values, for the dataset's own purpose and the gate
        # settings stored now.
        row = conn.execute(select(datasets.c.purpose).where(datasets.c.id == dataset_id)).one_or_none()
        if row is None:
            raise NotFound(Msg("No dataset {id}.", id=dataset_id))
        purpose = normalise_purpose(row.purpose) if row.purpose else None
        overrides = conn.execute(
            select(app_settings.c.value).where(app_settings.c.key == GATES_SETTING)
        ).scalar_one_or_none()
        gates = evaluate_gates(result, purpose, overrides) if purpose else []
        return {**result, "purpose": purpose, "gates": gates}
