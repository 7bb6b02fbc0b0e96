"""Background job: evaluate a generated dataset and keep the result."""

from __future__ import annotations

from reviews import queries
from reviews.errors import ReviewsError
from reviews.evaluation_flow import GATES_SETTING, evaluation_inputs
from reviews.permissions import Actor, require
from reviews.store import Store
from reviews.worker import Progress, handler
from synth.i18n import Msg
from synth.metrics.evaluate import evaluate

KIND = "evaluate"


def start_evaluation(store: Store, actor: Actor, dataset_id: int, protected: list[str] | None = None,
                     label: str | None = None, with_utility: bool = True) -> int:
    """Queue an evaluation; protected attributes and label default to those the dataset was made with."""
    require(actor, "evaluate")
    inputs = evaluation_inputs(store, dataset_id)  # fail now, on the page, rather than in the job
    missing = [c for c in (protected or []) + ([label] if label else []) if c not in inputs.train.columns]
    if missing:
        raise ReviewsError(Msg("Column(s) {columns} are not in this dataset; pick columns it has.",
                               columns=", ".join(missing)))
    params = {"dataset_id": int(dataset_id), "protected": list(protected if protected is not None else inputs.protected),
              "label": label if label is not None else inputs.label, "with_utility": bool(with_utility)}
    return store.enqueue_job(actor, KIND, params, "evaluate")


@handler(KIND)
def run_evaluation(store: Store, job: dict, progress: Progress) -> dict:
    params = job["params"]
    inputs = evaluation_inputs(store, params["dataset_id"])
    result = evaluate(inputs.train, inputs.synthetic, inputs.holdout, column_types=inputs.column_types,
                      protected=params["protected"], label=params["label"], purpose=inputs.purpose,
                      bias_target=inputs.bias_target, gates=queries.get_setting(store, GATES_SETTING),
                      with_utility=params["with_utility"], progress=progress)
    actor = Actor(job["created_by"], "system")  # the person who asked, recorded as such in the audit log
    evaluation_id = store.record_evaluation(actor, params["dataset_id"], params, result)
    return {"evaluation_id": evaluation_id, "dataset_id": params["dataset_id"]}
