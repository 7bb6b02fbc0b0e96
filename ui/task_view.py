"""Render one review task and collect the reviewer's answer."""

from __future__ import annotations

import time

import streamlit as st

from reviews.ranking.rounds import TaskView
from reviews.ranking.task_display import WORD_COLUMNS, context_table, row_label, unseen_combinations
from reviews.store import Flag
from reviews.store.rounds import FLAG_REASONS
from ui.i18n import _, tr
from ui.plain import fmt, md
from ui.tables import translated


def render_task(view: TaskView) -> dict | None:
    """Show the rows side by side; returns the submitted answer as keyword arguments, or None."""
    started = st.session_state.setdefault(f"review_started_{view.task_id}", time.time())
    labels = [tr(row_label(i)) for i in range(len(view.rows))]
    flags: list[Flag] = []
    st.caption(fmt(_("Task {id}"), id=view.task_id))
    with st.form(f"review_form_{view.task_id}"):
        for col, label, report, row in zip(st.columns(len(view.rows)), labels, view.context, view.rows):
            with col:
                st.markdown(f"#### {md(label)}")
                if report.badge_count:
                    st.caption(fmt(_("{n} unusual value(s) or combination(s)"), n=report.badge_count))
                st.dataframe(
                    translated(context_table(report), values=WORD_COLUMNS),
                    hide_index=True,
                    key=f"review_ctx_{view.task_id}_{row}",
                )
                for combo in unseen_combinations(report):
                    st.warning(fmt(_("Never seen together in the real data: {combo}"), combo=combo))
                if view.mode != "blind":
                    # Inside a form nothing reruns until submit, so the reason fields are always shown.
                    flagged = st.checkbox(
                        _("Flag {label} as implausible").format(label=label),
                        key=f"review_flag_{view.task_id}_{row}",
                    )
                    reason = st.selectbox(
                        _("Reason for the flag"),
                        FLAG_REASONS,
                        format_func=lambda r: _(r.replace("_", " ")),
                        key=f"review_reason_{view.task_id}_{row}",
                    )
                    note = st.text_input(_("Note (optional)"), key=f"review_note_{view.task_id}_{row}")
                    if flagged:
                        flags.append(Flag(row, reason, note))
        if view.mode == "pairwise":
            choice = st.radio(
                _("Which row is more plausible?"),
                labels,
                horizontal=True,
                index=None,
                key=f"review_choice_{view.task_id}",
            )
        elif view.mode == "listwise":
            choice = st.multiselect(
                _("Order the rows from most to least plausible"), labels, key=f"review_order_{view.task_id}"
            )
        else:
            choice = st.radio(
                _("Is this row real or synthetic?"),
                ["real", "synthetic"],
                format_func=_,
                horizontal=True,
                index=None,
                key=f"review_label_{view.task_id}",
            )
        submitted = st.form_submit_button(_("Submit answer"), type="primary")
        skipped = st.form_submit_button(_("Skip this task"))
    if skipped:
        return {"skipped": True, "started": started}
    if not submitted:
        return None
    if view.mode == "blind":
        return None if choice is None else {"label": choice, "started": started}
    order = [choice] if view.mode == "pairwise" and choice else list(choice or [])
    if view.mode == "pairwise" and order:
        order += [label for label in labels if label != choice]
    if len(order) != len(labels):
        st.error(_("Rank every row before submitting (or skip the task)."))
        return None
    return {
        "ranking": [view.rows[labels.index(label)] for label in order],
        "flags": flags,
        "started": started,
    }
