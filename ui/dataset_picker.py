"""Dataset pickers: real uploads first, each followed by what was made from it; a generation's
train and holdout parts sit under their parent, never as sources of their own."""

from __future__ import annotations

from reviews.queries.datasets import DatasetRecord


def is_split_part(record: DatasetRecord) -> bool:
    """A generation's train or holdout part (kept for evaluation, not a source to pick)."""
    return bool((record.labels or {}).get("split"))


def ordered_for_picking(records: list[DatasetRecord], *, parts: bool = True) -> list[DatasetRecord]:
    """Roots newest first (real uploads before anything else), each followed by its descendants.

    ``parts=False`` leaves out train and holdout parts.
    """
    shown = [r for r in records if parts or not is_split_part(r)]
    ids = {r.id for r in shown}
    children: dict[int, list[DatasetRecord]] = {}
    for record in shown:
        if record.parent_id in ids:
            children.setdefault(record.parent_id, []).append(record)
    roots = [r for r in shown if r.parent_id not in ids]
    roots.sort(key=lambda r: (r.kind != "real" or is_split_part(r), -r.id))
    ordered: list[DatasetRecord] = []

    def visit(record: DatasetRecord) -> None:
        ordered.append(record)
        for child in sorted(children.get(record.id, []), key=lambda r: (is_split_part(r), r.id)):
            visit(child)

    for root in roots:
        visit(root)
    return ordered


def nesting(records: list[DatasetRecord]) -> dict[int, int]:
    """How deep each record sits under its nearest listed ancestor (0 for roots)."""
    by_id = {r.id: r for r in records}
    levels: dict[int, int] = {}
    for record in records:
        level, parent = 0, record.parent_id
        while parent in by_id and level < 20:
            level, parent = level + 1, by_id[parent].parent_id
        levels[record.id] = level
    return levels


def picker_label(record: DatasetRecord, level: int, label: str) -> str:
    """``label`` indented under its parent: ``↳ #8 …``."""
    return ("\u2003" * (level - 1) + "↳ " if level else "") + label
