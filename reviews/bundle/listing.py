"""Everything the Export page shows for one dataset, in one call."""

from __future__ import annotations

import json
from dataclasses import dataclass

from reviews import queries
from reviews.bundle.build import approved_signoff, bundle_file_name
from reviews.errors import ReviewsError
from reviews.queries import audit as audit_queries
from reviews.signoff.records import SignoffRecord, list_signoffs, signoff_for
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_, Msg, message_of, word

# Keys of each earlier export, the columns of the page's table (shown translated).
EXPORT_COLUMNS = (N_("seq"), N_("time"), N_("actor"), N_("bundle_sha256"), N_("bytes"), N_("signoff_id"))


@dataclass(frozen=True)
class ExportView:
    """Whether a dataset can be exported (and why not), its sign-off, and earlier exports."""

    dataset: queries.DatasetRecord
    signoff: SignoffRecord | None
    exportable: bool
    reason: str | None  # a ``Msg`` or fixed text, for translation on the page
    file_name: str
    exports: list[dict]  # EXPORT_COLUMNS


def approved_datasets(store: Store) -> list[queries.DatasetRecord]:
    """Datasets whose latest sign-off is an approval, newest first."""
    latest = {}
    for signoff in reversed(list_signoffs(store)):
        latest[signoff.dataset_id] = signoff
    return [queries.get_dataset(store, i) for i in sorted(latest, reverse=True) if latest[i].approved]


def past_exports(store: Store, dataset_id: int) -> list[dict]:
    """Earlier bundle exports of a dataset, newest first, from the audit log."""
    rows = audit_queries.events_of(store, f"dataset:{dataset_id}", "bundle.export", newest_first=True)
    seq, time, actor, *from_payload = EXPORT_COLUMNS
    return [
        {
            seq: r["seq"],
            time: r["time"],
            actor: r["actor"],
            **{k: json.loads(r["payload"]).get(k) for k in from_payload},
        }
        for r in rows
    ]


def export_view(store: Store, actor: Actor, dataset_id: int) -> ExportView:
    """Build the page's content; ``reason`` says why the export button must stay disabled."""
    dataset = queries.get_dataset(store, dataset_id)
    reason = (
        None
        if actor.can("export")
        else Msg("{user} ({role}) may not export; ask a steward.", user=actor.username, role=word(actor.role))
    )
    if reason is None:
        try:
            approved_signoff(store, dataset_id)
        except ReviewsError as exc:
            reason = message_of(exc)
    return ExportView(
        dataset,
        signoff_for(store, dataset_id),
        reason is None,
        reason,
        bundle_file_name(dataset),
        past_exports(store, dataset_id),
    )
