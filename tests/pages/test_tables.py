"""Tables from the core get translated headers and word cells, and keep their data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.i18n import Msg
from ui.tables import heading, translated


def test_headers_and_word_cells_are_translated_and_data_kept():
    st.session_state["language"] = "zh"
    try:
        frame = pd.DataFrame({"status": ["pass", "fail"], "value": [0.5, 0.25], "column": ["status", "age"]})
        shown = translated(frame, values=["status"])
    finally:
        del st.session_state["language"]
    assert list(shown.columns) == ["状态", "值", "列"]
    assert shown["状态"].tolist() == ["通过", "不通过"]
    assert shown["值"].tolist() == [0.5, 0.25] and shown["列"].tolist() == ["status", "age"]
    assert list(frame.columns) == ["status", "value", "column"]


def test_message_cells_render_with_their_values():
    st.session_state["language"] = "zh"
    try:
        frame = pd.DataFrame({"evidence": [Msg("No job with id {job_id}.", job_id=4)]})
        shown = translated(frame, values=["evidence"])
    finally:
        del st.session_state["language"]
    assert "4" in shown.iloc[0, 0] and "No job" not in shown.iloc[0, 0]


def test_list_cells_mixing_numbers_and_words_become_text_arrow_can_send():
    import pyarrow as pa

    frame = pd.DataFrame({"column": ["age", "sex"], "examples": [[96.0, 90.0], ["X", None]]})
    shown = translated(frame)
    pa.Table.from_pandas(shown)  # what Streamlit does to show a table
    assert shown["examples"].tolist() == ["96.0, 90.0", "X, None"]
    same_kind = translated(pd.DataFrame({"examples": [[1.0], [2.0, 3.0]]}))
    assert same_kind["examples"].tolist() == [[1.0], [2.0, 3.0]]


def test_headers_read_as_capitalised_words():
    assert [heading(h) for h in ("exact matches", "real_outliers", "AUC", "列")] == [
        "Exact matches",
        "Real outliers",
        "AUC",
        "列",
    ]
