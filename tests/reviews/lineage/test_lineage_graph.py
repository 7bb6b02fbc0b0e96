"""The lineage graph links a dataset to its root and siblings, and leaves splits out."""

from __future__ import annotations

import pandas as pd

from reviews.lineage.graph import lineage_dot
from reviews.store import NewDataset
from reviews.workspace.permissions import SYSTEM

FRAME = pd.DataFrame({"x": [1, 2, 3]})


def test_graph_has_ancestry_and_no_splits(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    real = store.add_dataset(SYSTEM, NewDataset("real", FRAME))
    train = store.add_dataset(
        SYSTEM, NewDataset("train", FRAME.head(2), parent_id=real, labels={"split": "train"})
    )
    syn = store.add_dataset(
        SYSTEM, NewDataset("syn", FRAME.assign(x=[4, 5, 6]), kind="synthetic", parent_id=real, depth=1)
    )
    deeper = store.add_dataset(
        SYSTEM, NewDataset("syn2", FRAME.assign(x=[7, 8, 9]), kind="synthetic", parent_id=syn, depth=2)
    )
    dot = lineage_dot(store, deeper)
    assert f"d{real} -> d{syn};" in dot and f"d{syn} -> d{deeper};" in dot
    assert f"d{train} " not in dot
    assert "depth 2" in dot and f"d{deeper} [" in dot and "penwidth=3" in dot
