"""Inspect: reviewers judge a random sample of accepted rows, pass or fail, row by row; everyone
who may open the page can read what an inspection left on record (``inspect?inspection=N``)."""

import streamlit as st

from reviews.acceptance.inspection import inspection_status, list_inspections
from reviews.errors import NotFound
from ui.comparison_table import PAGE_STYLE
from ui.feedback import show_flash
from ui.guard import page_actor
from ui.i18n import _
from ui.inspection_record_view import render_inspection_record, render_records
from ui.inspection_view import render_judging
from ui.query import preselect, query_id
from ui.state import get_store

actor = page_actor("inspect")
store = get_store()
st.html(PAGE_STYLE)  # the judging screen needs the whole height of the window
title, choice = st.columns([3, 2], vertical_alignment="bottom")
title.title(
    _("Sampling inspection"),
    help=_(
        "Judge every row, pass or fail: nothing starts as passed. The inspection passes when the lower "
        "95% bound of the pass rate reaches the required rate. The time each screen takes is recorded."
    ),
)
show_flash()
requested = query_id("inspection")
try:
    requested_status = None if requested is None else inspection_status(store, requested)
except NotFound:
    requested_status = None
if requested is not None and (
    not actor.can("inspect") or requested_status is None or requested_status.status != "open"
):
    render_inspection_record(store, actor, requested)
    st.stop()
if not actor.can("inspect"):
    render_records(store, actor)
    st.stop()
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
preselect("inspect_id", "inspection", labels)
inspection_id = choice.selectbox(
    _("Inspection"), list(labels), format_func=labels.get, key="inspect_id", label_visibility="collapsed"
)
status = next(s for s in open_inspections if s.id == inspection_id)
st.progress(status.judged / status.sample_size, text=labels[inspection_id])
render_judging(store, actor, status)
