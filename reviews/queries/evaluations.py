"""What an evaluation compares (a generated dataset, its train and holdout rows) and the
stored results, the evidence reviewers and officers decide from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from reviews import queries
from reviews.errors import ReviewsError
from reviews.queries.rows import newest_row, row_by_id
from reviews.store import Store
from reviews.workspace.schema import evaluations
from synth.i18n import N_
from synth.outliers.inject import OUTLIER_FLAG

GATES_SETTING = "gates"


@dataclass(frozen=True)
class EvaluationInputs:
    """The three tables an evaluation compares, with what the real table's profile says of them."""

    train: pd.DataFrame
    synthetic: pd.DataFrame
    holdout: pd.DataFrame | None
    column_types: dict[str, str]
    purpose: str | None
    protected: list[str]
    label: str | None
    bias_target: dict | None
    guarantee: dict | None = None  # a DP generator's recorded guarantee (lineage "privacy")


def evaluation_inputs(store: Store, dataset_id: int) -> EvaluationInputs:
    """Load a generated dataset with the train and holdout rows it was made from."""
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real" or dataset.train_id is None:
        raise ReviewsError(
            N_("Pick a synthetic or accepted dataset: only those have real rows to be compared with.")
        )
    train_record = queries.get_dataset(store, dataset.train_id)
    source = queries.get_dataset(store, train_record.parent_id) if train_record.parent_id else train_record
    profile = source.profile or train_record.profile or {}
    types = {c["name"]: c["type"] for c in profile.get("columns", [])}
    labels = dataset.labels or {}
    return EvaluationInputs(
        train=queries.load_frame(store, dataset.train_id),
        synthetic=queries.load_frame(store, dataset_id).drop(columns=[OUTLIER_FLAG], errors="ignore"),
        holdout=queries.load_frame(store, dataset.holdout_id) if dataset.holdout_id else None,
        column_types=types or None,
        purpose=dataset.purpose,
        protected=list(labels.get("protected") or []),
        label=labels.get("label"),
        bias_target=labels.get("bias_target"),
        guarantee=(dataset.lineage or {}).get("privacy"),
    )


def latest_evaluation(store: Store, dataset_id: int) -> dict | None:
    """The newest stored evaluation of a dataset, or None."""
    return newest_row(store.engine, evaluations, "dataset_id", dataset_id)


def latest_evaluations(store: Store, dataset_ids: list[int]) -> dict[int, dict]:
    """The newest stored evaluation of each of ``dataset_ids`` that has one, in one query."""
    if not dataset_ids:
        return {}
    newest = (
        select(func.max(evaluations.c.id))
        .where(evaluations.c.dataset_id.in_(dataset_ids))
        .group_by(evaluations.c.dataset_id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(select(evaluations).where(evaluations.c.id.in_(newest))).mappings().all()
    return {row["dataset_id"]: dict(row) for row in rows}


def get_evaluation(store: Store, evaluation_id: int) -> dict:
    return row_by_id(store.engine, evaluations, evaluation_id, "evaluation")
