"""The lineage of a dataset as a Graphviz graph: its ancestors, its descendants and their depth."""

from __future__ import annotations

from reviews import queries
from reviews.store import Store
from synth.i18n import Translate, same

SHAPES = {"real": "box", "synthetic": "ellipse", "accepted": "doubleoctagon"}
COLOURS = {"real": "#0072B2", "synthetic": "#E69F00", "accepted": "#009E73"}  # the app's palette


def _family(records: dict[int, queries.DatasetRecord], dataset_id: int) -> set[int]:
    """The dataset, its ancestors, and every descendant of its real root (splits excluded)."""
    root = dataset_id
    while records[root].parent_id is not None:
        root = records[root].parent_id
    family, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        for record in records.values():
            if (
                record.parent_id == current
                and record.id not in family
                and not (record.labels or {}).get("split")
            ):
                family.add(record.id)
                frontier.append(record.id)
    return family


def lineage_dot(store: Store, dataset_id: int, *, translate: Translate = same) -> str:
    """DOT source of ``dataset_id``'s lineage; the chosen dataset is drawn bold. ``translate`` puts
    the node labels' words (kind, depth, purpose) into the reader's language."""
    _ = translate
    records = {r.id: r for r in queries.list_datasets(store)}
    family = _family(records, dataset_id)
    lines = [
        "digraph lineage {",
        "rankdir=LR;",
        'node [fontname="Helvetica", fontsize=10, style=filled, fontcolor=white];',
    ]
    for node in sorted(family):
        record = records[node]
        label = (
            f"#{record.id} {record.name}\\n"
            + _("{kind} · depth {depth}").format(kind=_(record.kind), depth=record.depth)
            + (f"\\n{_(record.purpose)}" if record.purpose else "")
        )
        width = 3 if node == dataset_id else 1
        lines.append(
            f'd{node} [label="{label.replace(chr(34), chr(39))}", shape={SHAPES.get(record.kind, "box")}, '
            f'fillcolor="{COLOURS.get(record.kind, "#999999")}", penwidth={width}];'
        )
    for node in sorted(family):
        parent = records[node].parent_id
        if parent in family:
            lines.append(f"d{parent} -> d{node};")
    lines.append("}")
    return "\n".join(lines)
