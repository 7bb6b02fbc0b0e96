"""Settings (admins): the gates each purpose must pass, the depth limit of norm 5, whether the
privacy purpose requires differential privacy, and the least time an inspected row should take."""

import streamlit as st

from reviews.lineage.depth_limit import current_depth_limit, set_depth_limit
from reviews.workspace.dp_requirement import current_requirement, set_requirement
from reviews.workspace.gate_settings import HEADERS, gate_table, readable_gate_table, save_gate_table
from reviews.workspace.inspection_pace import (
    MOST_SECONDS_PER_ROW,
    min_seconds_per_row,
    set_min_seconds_per_row,
)
from ui.feedback import flash, show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _, tr
from ui.plain import fmt
from ui.state import get_store
from ui.tables import translated

actor = page_actor("settings")
store = get_store()
st.title(_("Settings"))
show_flash()
st.subheader(_("Depth limit (norm 5)"))
st.caption(
    _(
        "How many rounds of generating from synthetic data are allowed; real data is depth 0. "
        "The Collapse Lab explains the number and can apply its recommendation."
    )
)
with st.form("settings_depth_form"):
    depth = st.number_input(
        _("Maximum generation depth"), 1, 100, current_depth_limit(store), key="settings_depth"
    )
    if st.form_submit_button(_("Save depth limit")):
        with user_errors():
            set_depth_limit(store, actor, int(depth))
            flash(fmt(_("The depth limit is now {n}."), n=int(depth)))
            st.rerun()
st.subheader(_("Differential privacy for the privacy purpose"))
st.caption(
    _(
        "When required, privacy datasets can only be made by a differentially private generator (mst) "
        "with epsilon at most the limit below; other generations are refused."
    )
)
requirement = current_requirement(store)
with st.form("settings_dp_form"):
    required = st.checkbox(
        _("Require a differentially private generator"), requirement.required, key="settings_dp_required"
    )
    limit = st.number_input(
        _("Largest epsilon allowed"), 0.01, 100.0, requirement.max_epsilon, 0.1, key="settings_dp_epsilon"
    )
    if st.form_submit_button(_("Save privacy requirement")):
        with user_errors():
            set_requirement(store, actor, required, float(limit))
            flash(_("The privacy requirement is saved."))
            st.rerun()
st.subheader(_("Sampling inspection pace"))
st.caption(
    _(
        "A batch of inspected rows saved faster than this many seconds per row is flagged in the sign-off "
        "checklist: its rows may have been ticked rather than read. 0 turns the flag off."
    )
)
with st.form("settings_pace_form"):
    pace = st.number_input(
        _("Least seconds per inspected row"),
        0.0,
        MOST_SECONDS_PER_ROW,
        min_seconds_per_row(store),
        0.5,
        key="settings_pace",
    )
    if st.form_submit_button(_("Save inspection pace")):
        with user_errors():
            set_min_seconds_per_row(store, actor, float(pace))
            flash(fmt(_("Batches faster than {n:g} s a row are now flagged."), n=float(pace)))
            st.rerun()
st.subheader(_("Gates"))
st.caption(
    _(
        "Each gate passes at its threshold, warns up to its warn limit and fails beyond it. "
        "Evaluations made after a change use the new values; earlier ones keep theirs."
    )
)
with st.form("settings_gates_form"):
    table = gate_table(store)
    # Shown in the reader's words; only the two number columns are editable, and they go back
    # into the English table row by row (the editor neither adds nor reorders rows).
    words = [HEADERS[c] for c in ("purpose", "gate", "direction", "explanation")]
    shown = translated(readable_gate_table(table).rename(columns=HEADERS), values=words)
    edited = st.data_editor(shown, hide_index=True, key="settings_gates", disabled=[tr(w) for w in words])
    if st.form_submit_button(_("Save gates")):
        with user_errors():
            numbers = {c: edited[tr(HEADERS[c])].to_numpy() for c in ("threshold", "warn")}
            save_gate_table(store, actor, table.assign(**numbers))
            flash(_("Gates saved."))
            st.rerun()
