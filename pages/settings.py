"""Settings (admins): the gates each purpose must pass, and the depth limit of norm 5."""

import streamlit as st

from reviews.depth_limit import current_depth_limit, set_depth_limit
from reviews.gate_settings import gate_table, save_gate_table
from ui.feedback import flash, show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.state import get_store

actor = page_actor("settings")
store = get_store()
st.title(_("Settings"))
show_flash()
st.subheader(_("Depth limit (norm 5)"))
st.caption(_("How many rounds of generating from synthetic data are allowed; real data is depth 0. "
             "The Collapse Lab explains the number and can apply its recommendation."))
with st.form("settings_depth_form"):
    depth = st.number_input(_("Maximum generation depth"), 1, 100, current_depth_limit(store), key="settings_depth")
    if st.form_submit_button(_("Save depth limit")):
        with user_errors():
            set_depth_limit(store, actor, int(depth))
            flash(_("The depth limit is now {n}.").format(n=int(depth)))
            st.rerun()
st.subheader(_("Gates"))
st.caption(_("Each gate passes at its threshold, warns up to its warn limit and fails beyond it. "
             "Evaluations made after a change use the new values; earlier ones keep theirs."))
with st.form("settings_gates_form"):
    edited = st.data_editor(gate_table(store), hide_index=True, key="settings_gates",
                            disabled=["purpose", "gate", "direction", "explanation"])
    if st.form_submit_button(_("Save gates")):
        with user_errors():
            save_gate_table(store, actor, edited)
            flash(_("Gates saved."))
            st.rerun()
