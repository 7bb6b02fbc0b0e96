"""Sign in."""

import streamlit as st

from ui.feedback import user_errors
from ui.i18n import _
from ui.oidc import render_provider_sign_in
from ui.state import client_address, get_store, sign_in

st.title(_("Sign in to SynthReview"))
with st.form("login_form"):
    username = st.text_input(_("Username"), key="login_username")
    password = st.text_input(_("Password"), type="password", key="login_password")
    submitted = st.form_submit_button(_("Sign in"))
if submitted:
    with user_errors():
        sign_in(get_store().authenticate(username, password, client_address()))
        st.rerun()
render_provider_sign_in()
