"""Which evaluation the gate evidence comes from, and how evidence measured on a parent is capped."""

from __future__ import annotations

from reviews import queries
from reviews.queries.evaluations import latest_evaluation
from reviews.signoff.checklist.items import PASS, WARN
from reviews.store import Store
from synth.i18n import Msg


def evaluation_for(store: Store, dataset: queries.DatasetRecord) -> tuple[dict | None, bool]:
    """The dataset's newest evaluation; for accepted rows without one, the parent's (flagged as inherited)."""
    own = latest_evaluation(store, dataset.id)
    if own is not None or dataset.kind != "accepted" or dataset.parent_id is None:
        return own, False
    parent = latest_evaluation(store, dataset.parent_id)
    return parent, parent is not None


def cap_inherited(status: str, inherited: bool) -> str:
    # Evidence measured on the parent's rows says less about the accepted subset: at best a warning.
    return WARN if inherited and status == PASS else status


def with_inherited_note(text: str, evaluation: dict | None, inherited: bool) -> str:
    if not inherited:
        return text
    return Msg(
        "{text} Measured on the parent dataset (evaluation:{evaluation}); evaluate the accepted rows "
        "for direct evidence.",
        text=text,
        evaluation=evaluation["id"],
    )
