"""Inspect (reviewers): judge a random sample of accepted rows, pass or fail."""

import streamlit as st

from reviews.acceptance.inspection import (
    PASS_COLUMN,
    inspection_sheet,
    judge,
    list_inspections,
    rows_to_judge,
    verdicts_from_sheet,
)
from ui.feedback import flash, show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.plain import fmt
from ui.state import get_store

actor = page_actor("inspect")
store = get_store()
st.title(_("Sampling inspection"))
show_flash()
st.caption(
    _(
        "Untick every row that is implausible, wrong or unfit for use, then save. "
        "The inspection passes when the lower 95% bound of the pass rate reaches the required rate."
    )
)
open_inspections = list_inspections(store, status="open")
if not open_inspections:
    st.info(_("No inspection is waiting for you."))
    st.stop()
labels = {
    s.id: _("Inspection {id} · dataset #{d} · {judged}/{size} judged").format(
        id=s.id, d=s.dataset_id, judged=s.judged, size=s.sample_size
    )
    for s in open_inspections
}
inspection_id = st.selectbox(_("Inspection"), list(labels), format_func=labels.get, key="inspect_id")
status = next(s for s in open_inspections if s.id == inspection_id)
st.progress(status.judged / status.sample_size, text=labels[inspection_id])
with user_errors():
    rows = rows_to_judge(store, actor, inspection_id, limit=25)
    with st.form(f"inspect_form_{inspection_id}_{status.judged}"):
        edited = st.data_editor(
            inspection_sheet(rows),
            disabled=list(rows.columns),
            key="inspect_sheet",
            column_config={PASS_COLUMN: st.column_config.CheckboxColumn(_("passes"))},
        )
        if st.form_submit_button(_("Save verdicts for these rows"), type="primary"):
            result = judge(store, actor, inspection_id, verdicts_from_sheet(edited))
            if result.status != "open":
                flash(fmt(_("Inspection finished: {status}."), status=_(result.status)))
            st.rerun()
