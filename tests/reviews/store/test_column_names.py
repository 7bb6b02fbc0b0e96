"""Column names come from the stored file's schema and match the table's own columns."""

from __future__ import annotations

import pandas as pd

from reviews import queries
from reviews.store import NewDataset
from reviews.workspace.permissions import SYSTEM, Actor


def test_column_names_match_the_loaded_table_without_reading_rows(store, monkeypatch):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    frame = pd.DataFrame({"zeta": [1, 2], "alpha": ["a", None], "mid": [0.5, 1.5]}, index=[10, 11])
    dataset_id = store.add_dataset(Actor("admin", "admin"), NewDataset("people", frame))
    expected = list(queries.load_frame(store, dataset_id).columns)

    def no_rows(*args, **kwargs):
        raise AssertionError("listing column names must not read the table")

    monkeypatch.setattr(pd, "read_parquet", no_rows)
    assert queries.column_names(store, dataset_id) == expected == ["zeta", "alpha", "mid"]
