"""Everything the Sign-off page shows for one dataset, in one call."""

from __future__ import annotations

from dataclasses import dataclass

from reviews import queries
from reviews.signoff.checklist import Checklist, checklist_for
from reviews.signoff.documentation import Documentation, documentation_for
from reviews.signoff.four_eyes import four_eyes_problem
from reviews.signoff.records import VERDICTS, SignoffRecord, list_signoffs
from reviews.signoff.verdict import blocking_message
from reviews.store import Store
from reviews.store.signoff import DOCUMENT_PERMISSION
from reviews.workspace.permissions import Actor
from synth.i18n import Msg, word

SIGNABLE_KINDS = ("synthetic", "accepted")


@dataclass(frozen=True)
class SignoffView:
    """A dataset's checklist, documentation, sign-off history and what this user may do."""

    dataset: queries.DatasetRecord
    checklist: Checklist
    documentation: Documentation
    latest: SignoffRecord | None
    history: list[SignoffRecord]
    can_sign: bool
    cannot_sign_reason: str | None
    can_document: bool
    blocking_message: str | None
    verdicts: tuple[str, ...] = VERDICTS


@dataclass(frozen=True)
class SignableDataset:
    """One line of the dataset picker: a synthetic or accepted dataset and its latest verdict."""

    id: int
    name: str
    kind: str
    purpose: str | None
    rows: int
    verdict: str | None
    officer: str | None


def signable_datasets(store: Store) -> list[SignableDataset]:
    """Synthetic and accepted datasets, accepted ones first (approval normally applies to them)."""
    latest = {}
    for signoff in reversed(list_signoffs(store)):
        latest[signoff.dataset_id] = signoff
    rows = [
        SignableDataset(
            d.id,
            d.name,
            d.kind,
            d.purpose,
            d.rows,
            getattr(latest.get(d.id), "verdict", None),
            getattr(latest.get(d.id), "officer", None),
        )
        for d in queries.list_datasets(store)
        if d.kind in SIGNABLE_KINDS
    ]
    return sorted(rows, key=lambda r: (r.kind != "accepted", -r.id))


def signoff_view(store: Store, actor: Actor, dataset_id: int) -> SignoffView:
    """Build the page's content; raises ``PermissionDenied`` for roles that may not see checklists."""
    checklist = checklist_for(store, actor, dataset_id)
    history = list_signoffs(store, dataset_id)
    reason = None
    if not actor.can("sign_off"):
        reason = Msg("Only officers sign off; you are signed in as {role}.", role=word(actor.role))
    else:
        reason = four_eyes_problem(store, actor, dataset_id)
    return SignoffView(
        dataset=queries.get_dataset(store, dataset_id),
        checklist=checklist,
        documentation=documentation_for(store, dataset_id),
        latest=history[0] if history else None,
        history=history,
        can_sign=reason is None,
        cannot_sign_reason=reason,
        can_document=actor.can(DOCUMENT_PERMISSION),
        blocking_message=blocking_message(checklist) if checklist.blocking else None,
    )
