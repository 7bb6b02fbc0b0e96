"""What the home page says: the state of the workspace and the next step for this role."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviews import queries
from reviews.queries.signoffs import latest_verdict
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_

# Fixed texts: the home page shows ``next_step`` translated.
NEXT_STEPS = {
    "steward": ("upload", N_("Load a real table on the Data page (or the demo data) to profile it.")),
    "admin": ("users", N_("Add your team on the Users page, then a steward loads data.")),
    "reviewer": ("review", N_("Wait for a steward to open a review round; it will appear here.")),
    "officer": ("signoff", N_("Datasets ready for sign-off will appear here.")),
}
OPEN_A_DATASET = N_("Open a dataset on the Data page to see its profile; generation comes next.")
# A steward's work moves on as the workspace fills: the step names the furthest stage reached.
COMPARE_THEN_REVIEW = N_(
    "Compare the synthetic data with the real on Compare, then open a review round on Review rounds."
)
SIGN_OFF_THEN_EXPORT = N_(
    "Accepted data waits for a compliance officer's sign-off on Sign-off; once signed, export it "
    "with its evidence on Export."
)
APPROVED_THEN_EXPORT = N_(
    "A compliance officer approved the accepted data: export it with its evidence on Export, keeping "
    "to any conditions in their comment on Sign-off."
)
REJECTED_THEN_REWORK = N_(
    "A compliance officer rejected the accepted data: read their comment on Sign-off, address it "
    "(more review answers or another threshold on Review rounds, or the documentation on Sign-off), "
    "then ask for sign-off again."
)
# The verdict names of reviews.signoff.records, which is not imported here: it brings the whole
# checklist with it, and Home draws without the statistics stack.
_REJECT = "reject"


@dataclass(frozen=True)
class Overview:
    datasets_by_kind: dict[str, int]
    latest: list[queries.DatasetRecord]
    next_step: str


def workspace_overview(store: Store, actor: Actor) -> Overview:
    """Counts of datasets by kind, the five newest, and a next step suited to ``actor``."""
    # Train/holdout splits are parts of a generation, not datasets anyone loaded or made.
    records = [r for r in queries.list_datasets(store) if not (r.labels or {}).get("split")]
    counts = Counter(r.kind for r in records)
    _, step = NEXT_STEPS.get(actor.role, ("", ""))
    if actor.role in ("steward", "admin") and records:
        step = OPEN_A_DATASET
        if counts.get("accepted"):
            step = _after_acceptance(store, max(r.id for r in records if r.kind == "accepted"))
        elif counts.get("synthetic"):
            step = COMPARE_THEN_REVIEW
    return Overview({k: counts.get(k, 0) for k in ("real", "synthetic", "accepted")}, records[::-1][:5], step)


def _after_acceptance(store: Store, accepted_id: int) -> str:
    """The step for the newest accepted rows: their latest sign-off decides it."""
    verdict = latest_verdict(store, accepted_id)
    if verdict is None:
        return SIGN_OFF_THEN_EXPORT
    return REJECTED_THEN_REWORK if verdict == _REJECT else APPROVED_THEN_EXPORT
