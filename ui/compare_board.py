"""The Compare page's evaluation settings and its leaderboard, grouped by purpose."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.queries.datasets import DatasetRecord
from reviews.queries.leaderboard import WORD_COLUMNS
from ui.i18n import _
from ui.labels import generated_name
from ui.plain import md
from ui.tables import headed, translated


def evaluation_settings(
    record: DatasetRecord, columns: list[str], dataset_id: int
) -> tuple[list[str], str | None]:
    """Protected attributes and label for the next evaluation, prefilled from the generation."""
    labels = record.labels or {}
    chosen_protected, chosen_label = list(labels.get("protected") or []), labels.get("label")
    with st.expander(_("Evaluation settings"), expanded=False):
        protected = st.multiselect(
            _("Protected attributes (fairness per group)"),
            columns,
            default=[c for c in chosen_protected if c in columns],
            key=f"compare_protected_{dataset_id}",
        )
        options = [None, *columns]
        label = st.selectbox(
            _("Label (fairness label rates and utility)"),
            options,
            index=options.index(chosen_label) if chosen_label in options else 0,
            format_func=lambda c: _("(none)") if c is None else str(c),
            key=f"compare_label_{dataset_id}",
        )
    return protected, label


def render_leaderboard(board: pd.DataFrame) -> None:
    """One table per purpose: datasets made for different purposes are never ranked together."""
    if board.empty:
        st.info(_("No dataset of this source has been evaluated yet."))
        return
    st.caption(_("Each purpose is ranked on its own (norm 1): fidelity means something else for each."))
    names = [generated_name(n, k) for n, k in zip(board["dataset"], board["kind"], strict=True)]
    board = board.assign(dataset=names)
    for purpose, rows in board.groupby("purpose", sort=False, dropna=False):
        st.markdown("##### " + (md(_(purpose)) if isinstance(purpose, str) else _("no purpose")))
        shown = translated(
            rows.drop(columns=["purpose"]), values=[c for c in WORD_COLUMNS if c != "purpose"], numbers=True
        )
        shown = headed(shown)
        st.dataframe(
            shown,
            hide_index=True,
            column_config={c: st.column_config.Column(c, width="medium") for c in shown.columns},
            key=f"compare_board_{purpose}",
        )
