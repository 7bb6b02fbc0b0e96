"""What an inspection left on record: its attempts and batches (Inspect page, read-only), and the
officer's form to explain why an earlier failed attempt no longer applies (Sign-off page)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.acceptance.inspection import list_inspections
from reviews.queries import inspections as inspection_queries
from reviews.signoff import SignoffView
from reviews.signoff.checklist.inspection import EXPLAINED, needs_explanation
from reviews.store import Store
from reviews.workspace.inspection_pace import min_seconds_per_row, too_fast
from ui.evidence import linked
from ui.feedback import flash, user_errors
from ui.i18n import _
from ui.plain import fmt


def render_failure_explanation(store: Store, actor, view: SignoffView) -> None:
    """For an officer, while a pass follows a failed attempt that nobody has explained."""
    item = view.checklist.item("inspection")
    if not (actor.can("sign_off") and needs_explanation(item)):
        return
    dataset_id = view.dataset.id
    with st.form(f"signoff_inspection_explain_{dataset_id}", clear_on_submit=True):
        text = st.text_area(
            _("Why the earlier failed inspection no longer applies (kept in the audit log)"),
            key=f"signoff_inspection_explain_text_{dataset_id}",
        )
        if st.form_submit_button(_("Record the explanation")):
            with user_errors():
                store.grant(actor, EXPLAINED, dataset_id, text)
                flash(_("Explanation recorded."))
                st.rerun()


def render_inspection_record(store: Store, actor, inspection_id: int) -> None:
    """One inspection as recorded: its result, every saved batch, and the dataset's other attempts."""
    row = inspection_queries.inspection_row(store, inspection_id)
    if row is None:
        st.warning(fmt(_("There is no inspection {id}."), id=inspection_id))
        return
    attempts = inspection_queries.inspection_attempts(store, row["dataset_id"])
    st.markdown(
        linked(
            _("inspection:{id} of dataset:{dataset}: {status}.").format(
                id=inspection_id, dataset=row["dataset_id"], status=_(row["status"])
            ),
            actor.role,
        )
    )
    result = row["result"] or {}
    if result:
        st.caption(
            fmt(
                _(
                    "{passed} of {inspected} rows passed; 95% Wilson lower bound {lower:.3f}, "
                    "required {required:.2f}."
                ),
                passed=result.get("passed_rows"),
                inspected=result.get("inspected"),
                lower=result.get("lower_bound", float("nan")),
                required=row["min_lower"],
            )
        )
    if len(attempts) > 1:
        st.markdown(
            _("Every attempt on this dataset:")
            + " "
            + ", ".join(linked(f"inspection:{a['id']} {_(a['status'])}", actor.role) for a in attempts)
        )
    batches = next(a["batches"] for a in attempts if a["id"] == inspection_id)
    if not batches:
        st.caption(_("No batch saved yet."))
        return
    pace = min_seconds_per_row(store)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("Reviewer"): b["reviewer"],
                    _("Rows"): b["rows"],
                    _("Marked passing at once"): b["marked_rows"],
                    _("Seconds"): None if b["seconds"] is None else round(b["seconds"], 1),
                    _("Seconds per row"): None
                    if b["seconds"] is None
                    else round(b["seconds"] / b["rows"], 2),
                    _("Too fast"): too_fast(b, pace),
                    _("Saved at"): b["saved_at"],
                }
                for b in batches
            ]
        ),
        hide_index=True,
        key=f"inspect_record_batches_{inspection_id}",
    )


def render_records(store: Store, actor) -> None:
    """Any inspection's record, picked from all of them (for those who read rather than judge)."""
    every = list_inspections(store)
    if not every:
        st.info(_("No inspection has been started yet."))
        return
    labels = {
        s.id: _("Inspection {id} · dataset #{d} · {status}").format(
            id=s.id, d=s.dataset_id, status=_(s.status)
        )
        for s in every
    }
    ids = list(labels)
    chosen = st.selectbox(
        _("Inspection"), ids, index=len(ids) - 1, format_func=labels.get, key="inspect_record_id"
    )
    render_inspection_record(store, actor, chosen)
