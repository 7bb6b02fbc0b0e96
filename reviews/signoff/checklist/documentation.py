"""The documentation items: Art. 10(2) and the datasheet, every field written."""

from __future__ import annotations

from reviews.signoff.checklist.items import MISSING, PASS, ChecklistItem
from reviews.signoff.documentation import ART10, DATASHEET, GROUP_TITLES, documentation_for
from synth.i18n import Msg, joined, word


def documentation_items(store, dataset) -> list[ChecklistItem]:
    documentation = documentation_for(store, dataset.id)
    items = []
    for group in (ART10, DATASHEET):
        states = documentation.group(group)
        empty = [f.spec.label for f in states if not f.written]
        text = (
            Msg("All fields written.")
            if not empty
            else Msg("Still to write: {fields}.", fields=joined(map(word, empty)))
        )
        if documentation.written_by:
            text = Msg(
                "{text} Last saved by {user} (version {version}).",
                text=text,
                user=documentation.written_by,
                version=documentation.version,
            )
        items.append(
            ChecklistItem(
                f"documentation_{group}",
                GROUP_TITLES[group],
                "documentation",
                None,
                PASS if not empty else MISSING,
                text,
                (f"dataset:{dataset.id}",),
                {"missing": empty, "version": documentation.version},
            )
        )
    return items
