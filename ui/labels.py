"""How datasets and statuses are labelled, the same on every page."""

from __future__ import annotations

from reviews.queries.datasets import DatasetRecord
from ui.i18n import _


def dataset_label(record: DatasetRecord) -> str:
    """``#7 arrests (synthetic, depth 1)``."""
    return f"#{record.id} {record.name} ({_(record.kind)}, " + _("depth {n}").format(n=record.depth) + ")"


# Gates and checklist items share these statuses, so they look the same wherever they appear.
STATUS_ICON = {"pass": "✅", "warn": "⚠️", "fail": "❌", "missing": "⬜", "n/a": "➖"}
