"""Acceptance for a round: preview a threshold live, then keep the accepted rows as a dataset."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from reviews import queries
from reviews.acceptance.rules import AcceptanceCounts, AcceptancePreview, count_flags, decide
from reviews.errors import ReviewsError
from reviews.jobs.kinds import EVALUATE, job_kind
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import EvaluationInputs
from reviews.services.evaluation import start_evaluation
from reviews.store import NewDataset, Store
from reviews.workspace.permissions import Actor, require
from synth.i18n import N_
from synth.metrics.fidelity.column_shapes import column_shapes
from synth.profile.column_types import infer_type


@dataclass(frozen=True)
class AcceptanceInputs:
    """Scores and flag counts of every synthetic row of the round's dataset."""

    scores: np.ndarray
    flag_counts: np.ndarray

    def preview(self, min_flags: int = 1) -> AcceptancePreview:
        return AcceptancePreview(self.scores, self.flag_counts, min_flags)


def acceptance_inputs(store: Store, round_id: int) -> AcceptanceInputs:
    record = round_queries.get_round(store, round_id)
    n_rows = queries.get_dataset(store, record.dataset_id).rows
    flags = [(f["reviewer"], f["row"]) for f in round_queries.flags(store, round_id)]
    return AcceptanceInputs(round_queries.latest_scores(store, round_id, n_rows), count_flags(flags, n_rows))


@dataclass(frozen=True)
class FidelityEffect:
    """Mean column-shape score against the real training rows, before and after acceptance."""

    all_rows: float | None
    accepted_rows: float | None


class FidelityPreview:
    """Column-shape fidelity of any subset of the synthetic rows, for a live threshold preview."""

    def __init__(self, inputs: EvaluationInputs):
        self.inputs = inputs
        self.types = inputs.column_types or {c: infer_type(inputs.train[c]) for c in inputs.train.columns}
        self.all_rows = self._score(inputs.synthetic)

    def _score(self, rows) -> float | None:
        if len(rows) == 0:
            return None
        scores = [
            v["score"]
            for v in column_shapes(self.inputs.train, rows, self.types).values()
            if v["score"] is not None
        ]
        return float(np.mean(scores)) if scores else None

    def effect(self, accepted: np.ndarray) -> FidelityEffect:
        return FidelityEffect(self.all_rows, self._score(self.inputs.synthetic.iloc[accepted]))


def apply_acceptance(store: Store, actor: Actor, round_id: int, threshold: float, min_flags: int = 1) -> int:
    """Keep the accepted rows as a new dataset (kind accepted, same depth and purpose as its parent).

    Also queues an evaluation of the accepted dataset (a background job run as ``actor``).
    """
    require(actor, "apply_acceptance")
    record = round_queries.get_round(store, round_id)
    if round_queries.latest_model(store, round_id) is None:
        raise ReviewsError(N_("No reviewer answers have been modelled yet; finish at least one batch first."))
    inputs = acceptance_inputs(store, round_id)
    decision = decide(inputs.scores, inputs.flag_counts, threshold, min_flags)
    if decision.accepted.size == 0:
        raise ReviewsError(N_("No row would be accepted at this threshold; lower it."))
    counts: AcceptanceCounts = inputs.preview(min_flags).counts(threshold)
    source = queries.get_dataset(store, record.dataset_id)
    frame = queries.load_frame(store, source.id).iloc[decision.accepted].reset_index(drop=True)
    lineage = dict(source.lineage or {})
    lineage["acceptance"] = {
        "round_id": round_id,
        "threshold": threshold,
        "min_flags": min_flags,
        "accepted_rows": [int(i) for i in decision.accepted],
    }
    accepted_id = store.apply_acceptance(
        actor,
        round_id,
        source.id,
        float(threshold),
        int(min_flags),
        {k: (float(v) if isinstance(v, float) else int(v)) for k, v in asdict(counts).items()},
        NewDataset(
            name=f"{source.name} (accepted)",
            frame=frame,
            kind="accepted",
            parent_id=source.id,
            depth=source.depth,
            purpose=source.purpose,
            labels=source.labels,
            lineage=lineage,
            profile=None,
            train_id=source.train_id,
            holdout_id=source.holdout_id,
        ),
    )
    # The accepted rows are a new dataset: their fidelity, privacy, fairness and utility are measured
    # again, in the background and as the person who applied acceptance, for the checklist to use.
    if actor.can(job_kind(EVALUATE).permission):
        start_evaluation(store, actor, accepted_id)
    return accepted_id
