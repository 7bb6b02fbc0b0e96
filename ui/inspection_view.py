"""The Inspect page's judging sheet: a screen of sampled rows with the pass and fail boxes beside
each row, both empty at first; the time from showing the screen to saving it is recorded."""

from __future__ import annotations

import streamlit as st

from reviews.acceptance.inspection import (
    FAIL_COLUMN,
    PASS_COLUMN,
    InspectionStatus,
    inspection_sheet,
    judge,
    mark_rest_passing,
    rows_to_judge,
    verdicts_from_sheet,
)
from reviews.errors import ReviewsError
from reviews.store import Store, now
from ui.feedback import flash, user_errors
from ui.i18n import _
from ui.plain import fmt

BATCH_ROWS = 25


def screen_key(status: InspectionStatus) -> str:
    """Widget keys of one screen: a new screen after every save, so nothing carries over."""
    return f"inspect_{status.id}_{status.judged}"


def render_judging(store: Store, actor, status: InspectionStatus) -> None:
    key = screen_key(status)
    # When this screen was first shown, on the server's clock; kept across reruns of the screen.
    shown_at = st.session_state.setdefault(f"{key}_shown_at", now())
    with user_errors():
        rows = rows_to_judge(store, actor, status.id, limit=BATCH_ROWS)
        with st.form(f"{key}_form"):
            edited = st.data_editor(
                inspection_sheet(rows),
                disabled=list(rows.columns),
                key=f"{key}_sheet",
                column_config={
                    PASS_COLUMN: st.column_config.CheckboxColumn(_("pass"), width="small", pinned=True),
                    FAIL_COLUMN: st.column_config.CheckboxColumn(_("fail"), width="small", pinned=True),
                },
            )
            left, right = st.columns(2)
            save = left.form_submit_button(_("Save the judged rows"), type="primary")
            mark = right.form_submit_button(_("Mark every row left unjudged on this screen as passing"))
        if save or mark:
            verdicts, marked = mark_rest_passing(edited) if mark else (verdicts_from_sheet(edited), [])
            if not verdicts:
                raise ReviewsError(_("Tick pass or fail beside at least one row, then save."))
            result = judge(store, actor, status.id, verdicts, started_at=shown_at, marked=marked)
            st.session_state.pop(f"{key}_shown_at", None)
            if result.status != "open":
                flash(fmt(_("Inspection finished: {status}."), status=_(result.status)))
            elif marked:
                flash(fmt(_("{n} row(s) marked passing at once; this is recorded."), n=len(marked)))
            st.rerun()
