"""Dataset labels and pickers: real uploads first, parts under their parent, no word said twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from reviews.queries.datasets import DatasetRecord
from ui.dataset_picker import nesting, ordered_for_picking, picker_label
from ui.labels import dataset_label
from ui.tables import translated


def _record(id_, name, kind="real", parent=None, purpose=None, split=None, depth=0) -> DatasetRecord:
    return DatasetRecord(
        id=id_,
        name=name,
        sha256="0" * 64,
        kind=kind,
        parent_id=parent,
        depth=depth,
        purpose=purpose,
        labels={"split": split} if split else {},
        lineage=None,
        profile=None,
        rows=10,
        columns=2,
        train_id=None,
        holdout_id=None,
        created_by="steward",
        created_at=datetime.now(UTC),
        artifact_path="x",
        source_path=None,
    )


RECORDS = [
    _record(1, "arrests"),
    _record(2, "arrests · train", parent=1, split="train"),
    _record(3, "arrests · holdout", parent=1, split="holdout"),
    _record(4, "arrests · privacy · rules", "synthetic", 1, "privacy", depth=1),
    _record(5, "arrests · privacy · rules (accepted)", "accepted", 4, "privacy", depth=1),
    _record(6, "people"),
]


def test_real_uploads_come_first_and_parts_sit_under_their_parent():
    ordered = ordered_for_picking(RECORDS)
    assert [r.id for r in ordered] == [6, 1, 4, 5, 2, 3]
    levels = nesting(ordered)
    assert levels == {6: 0, 1: 0, 4: 1, 5: 2, 2: 1, 3: 1}
    assert picker_label(RECORDS[1], 1, "#2").startswith("↳ ")
    assert [r.id for r in ordered_for_picking(RECORDS, parts=False)] == [6, 1, 4, 5]


def test_a_label_never_says_a_word_twice():
    for record in RECORDS:
        words = [w.strip("(),#") for w in dataset_label(record).split()]
        words = [w for w in words if w and not w.isdigit() and w != "·"]
        assert len(words) == len(set(words)), dataset_label(record)
    assert dataset_label(RECORDS[4]) == "#5 arrests · privacy · rules (accepted, depth 1)"


def test_in_chinese_generated_name_parts_are_translated():
    st.session_state["language"] = "zh"
    try:
        label = dataset_label(RECORDS[4])
        part = dataset_label(RECORDS[1])
    finally:
        del st.session_state["language"]
    assert "privacy" not in label and "accepted" not in label and "arrests" in label
    assert "train" not in part


def test_tables_show_words_and_blanks():
    frame = pd.DataFrame({"real_outliers": [1, 2], "note": [None, "x"], "gap": [5e-16, float("nan")]})
    shown = translated(frame)
    assert list(shown.columns) == ["Real outliers", "note", "gap"]
    assert shown["note"].tolist() == ["", "x"] and shown["gap"].tolist() == ["0", ""]
