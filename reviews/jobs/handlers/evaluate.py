"""Background job: evaluate a generated dataset and keep the result."""

from __future__ import annotations

from reviews import queries
from reviews.jobs.worker import Progress
from reviews.queries.evaluations import GATES_SETTING, evaluation_inputs
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.metrics.evaluate import evaluate


def run_evaluation(store: Store, job: dict, actor: Actor, progress: Progress) -> dict:
    params = job["params"]
    inputs = evaluation_inputs(store, params["dataset_id"])
    result = evaluate(
        inputs.train,
        inputs.synthetic,
        inputs.holdout,
        column_types=inputs.column_types,
        protected=params["protected"],
        label=params["label"],
        purpose=inputs.purpose,
        bias_target=inputs.bias_target,
        guarantee=inputs.guarantee,
        gates=queries.get_setting(store, GATES_SETTING),
        with_utility=params["with_utility"],
        progress=progress,
    )
    evaluation_id = store.record_evaluation(actor, params["dataset_id"], params, result)
    return {"evaluation_id": evaluation_id, "dataset_id": params["dataset_id"]}
