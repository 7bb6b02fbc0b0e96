"""How datasets are named in pickers, the same on every page."""

from __future__ import annotations

from reviews.queries import DatasetRecord
from ui.i18n import _


def dataset_label(record: DatasetRecord) -> str:
    """``#7 arrests (synthetic, depth 1)``."""
    return f"#{record.id} {record.name} ({_(record.kind)}, " + _("depth {n}").format(n=record.depth) + ")"
