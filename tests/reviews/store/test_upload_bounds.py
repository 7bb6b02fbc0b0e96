"""Uploads over a reading limit store nothing; uploaded names lose control and bidi characters."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from reviews.queries.datasets import list_datasets
from reviews.services.intake import import_upload
from reviews.workspace.permissions import Actor
from synth.intake import LimitExceeded

STEWARD = Actor("steward", "steward")


def _files(store) -> list:
    root = store.artifact_root
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_nested_upload_is_refused_and_nothing_is_stored(store):
    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2, 3], "tags": [["a"], ["b"], []]}), buffer)
    before = _files(store)
    with pytest.raises(LimitExceeded):
        import_upload(store, STEWARD, buffer.getvalue(), "t.parquet")
    assert list_datasets(store) == [] and _files(store) == before


def test_upload_names_are_cleaned_before_they_become_names_or_paths(store):
    data = b"a,b\n1,x\n2,y\n3,z\n"
    dataset_id = import_upload(store, STEWARD, data, "bad\nname\u202ecsv.csv")
    record = next(d for d in list_datasets(store) if d.id == dataset_id)
    assert record.name == "badnamecsv" and record.labels["source_file"] == "badnamecsv.csv"
    assert all("\n" not in p.name and "\u202e" not in p.name for p in _files(store))
    typed = import_upload(store, STEWARD, data + b"4,w\n", "ok.csv", name="Q3\u202e\u2066 data\n")
    assert next(d for d in list_datasets(store) if d.id == typed).name == "Q3 data"
