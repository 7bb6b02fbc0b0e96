"""First run: no user exists yet, so the visitor creates the admin account."""

import streamlit as st

from ui.feedback import user_errors
from ui.i18n import _
from ui.state import get_store

st.title(_("Welcome to SynthReview"))
st.write(_("No account exists yet. Create the administrator account; the admin then adds the other users."))
with st.form("setup_form"):
    username = st.text_input(_("Admin username"), key="setup_username")
    password = st.text_input(_("Password (at least 12 characters)"), type="password", key="setup_password")
    repeat = st.text_input(_("Repeat password"), type="password", key="setup_repeat")
    submitted = st.form_submit_button(_("Create admin"))
if submitted:
    if password != repeat:
        st.error(_("The two passwords differ."))
    else:
        with user_errors():
            get_store().create_first_admin(username, password)
            st.rerun()
