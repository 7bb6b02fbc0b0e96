"""Build the checklist of one dataset: one item per norm, data quality, the evaluation's gates,
the differential-privacy guarantee, the sampling inspection and the documentation."""

from __future__ import annotations

from reviews import queries
from reviews.errors import PermissionDenied, ReviewsError
from reviews.signoff.checklist.depth import depth_item
from reviews.signoff.checklist.documentation import documentation_items
from reviews.signoff.checklist.dp_guarantee import dp_guarantee_item
from reviews.signoff.checklist.evidence import evaluation_for
from reviews.signoff.checklist.gates import gate_item
from reviews.signoff.checklist.human_judgement import human_judgement_item
from reviews.signoff.checklist.inspection import inspection_item
from reviews.signoff.checklist.items import Checklist
from reviews.signoff.checklist.outliers import outliers_item
from reviews.signoff.checklist.purpose import purpose_item
from reviews.signoff.checklist.quality import data_quality_item, source_quality_item
from reviews.signoff.checklist.stages import stages_item
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_, Msg, word


def checklist_for(store: Store, actor: Actor, dataset_id: int) -> Checklist:
    """Build the checklist of a synthetic or accepted dataset from the stored evidence."""
    if not (actor.can("sign_off") or actor.can("export")):
        raise PermissionDenied(
            Msg(
                "{user} ({role}) may not see sign-off checklists; ask an officer or a steward.",
                user=actor.username,
                role=word(actor.role),
            )
        )
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real":
        raise ReviewsError(N_("Sign-off applies to synthetic or accepted datasets; pick one of those."))
    evaluation, inherited = evaluation_for(store, dataset)
    gates = [] if evaluation is None else list((evaluation["result"] or {}).get("gates") or [])
    items = [
        purpose_item(dataset, evaluation, gates, inherited),
        outliers_item(dataset),
        source_quality_item(store, dataset),
        stages_item(dataset),
        depth_item(dataset),
        human_judgement_item(store, dataset),
        data_quality_item(store, dataset),
        *(
            gate_item(category, dataset, evaluation, gates, inherited)
            for category in ("privacy", "fairness", "utility")
        ),
        dp_guarantee_item(store, dataset),
        inspection_item(store, dataset),
        *documentation_items(store, dataset),
    ]
    return Checklist(dataset_id, tuple(items), evaluation and evaluation["id"])
