"""Store writes for evaluation results (the evidence reviewers and officers decide from)."""

from __future__ import annotations

from sqlalchemy import insert

from reviews.store.base import StoreBase, now, retried
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import evaluations


class EvaluationWrites(StoreBase):
    @retried
    def record_evaluation(self, actor: Actor, dataset_id: int, params: dict, result: dict) -> int:
        """Keep one evaluation of a dataset with a short summary in the audit event."""
        require(actor, "evaluate")
        with self._transaction() as conn:
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
