"""Generated datasets of one source side by side, from their latest evaluations."""

from __future__ import annotations

import pandas as pd

from reviews import queries
from reviews.queries.evaluations import latest_evaluations
from reviews.store import Store
from synth.i18n import N_

# Column names; the interface shows them translated ("kind" and "purpose" hold words too).
COLUMNS = [
    N_("dataset"),
    N_("kind"),
    N_("purpose"),
    N_("generator"),
    N_("fidelity"),
    N_("exact matches"),
    N_("DCR closer-to-train share"),
    N_("utility ratio"),
    N_("gates failed"),
    N_("gates warned"),
]
WORD_COLUMNS = ["kind", "purpose"]


def leaderboard(store: Store, dataset_id: int) -> pd.DataFrame:
    """One row per evaluated dataset made from the same real table as ``dataset_id``."""
    records = {d.id: d for d in queries.list_datasets(store)}

    def source(record: queries.DatasetRecord) -> int | None:
        train = records.get(record.train_id) if record.train_id else None
        return train.parent_id if train else None

    wanted = source(records[dataset_id]) if dataset_id in records else None
    made = [
        r for r in records.values() if r.kind != "real" and r.train_id is not None and source(r) == wanted
    ]
    evaluations = latest_evaluations(store, [r.id for r in made])
    rows = []
    for record in made:
        evaluation = evaluations.get(record.id)
        if evaluation is None:
            continue
        result = evaluation["result"]
        privacy, utility = result.get("privacy") or {}, result.get("utility") or {}
        gates = [g["status"] for g in result.get("gates", [])]
        rows.append(
            {
                "dataset": f"#{record.id} {record.name}",
                "kind": record.kind,
                "purpose": record.purpose,
                "generator": (record.lineage or {}).get("generator"),
                "fidelity": result["fidelity"]["overall"],
                "exact matches": privacy.get("exact_match_rate"),
                "DCR closer-to-train share": (privacy.get("dcr") or {}).get("closer_to_training_share"),
                "utility ratio": utility.get("ratio"),
                "gates failed": gates.count("fail"),
                "gates warned": gates.count("warn"),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
