"""Start an evaluation of a generated dataset: check its columns at once, then queue the job."""

from __future__ import annotations

from reviews.errors import ReviewsError
from reviews.jobs.kinds import EVALUATE, job_kind
from reviews.queries.evaluations import evaluation_inputs
from reviews.store import Store
from reviews.workspace.permissions import Actor, require
from synth.i18n import Msg


def start_evaluation(
    store: Store,
    actor: Actor,
    dataset_id: int,
    protected: list[str] | None = None,
    label: str | None = None,
    with_utility: bool = True,
) -> int:
    """Queue an evaluation; protected attributes and label default to those the dataset was made with."""
    require(actor, job_kind(EVALUATE).permission)
    inputs = evaluation_inputs(store, dataset_id)  # fail now, on the page, rather than in the job
    missing = [c for c in (protected or []) + ([label] if label else []) if c not in inputs.train.columns]
    if missing:
        raise ReviewsError(
            Msg(
                "Column(s) {columns} are not in this dataset; pick columns it has.",
                columns=", ".join(missing),
            )
        )
    params = {
        "dataset_id": int(dataset_id),
        "protected": list(protected if protected is not None else inputs.protected),
        "label": label if label is not None else inputs.label,
        "with_utility": bool(with_utility),
    }
    return store.enqueue_job(actor, EVALUATE, params)
