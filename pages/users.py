"""Users (admins): list accounts, add one, change a role, disable or re-enable."""

import streamlit as st

from reviews import queries
from reviews.workspace.permissions import ROLES
from ui.feedback import flash, show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.plain import fmt
from ui.state import get_store
from ui.tables import translated

actor = page_actor("users")
store = get_store()
st.title(_("Users"))
show_flash()
users = queries.list_users(store)
st.dataframe(translated(users, values=["role"]), hide_index=True, key="users_table")

left, right = st.columns(2)
with left, st.form("users_create_form", clear_on_submit=True):
    st.markdown("#### " + _("Add a user"))
    username = st.text_input(_("Username"), key="users_new_name")
    role = st.selectbox(_("Role"), ROLES, format_func=_, key="users_new_role")
    password = st.text_input(
        _("Initial password (at least 8 characters)"), type="password", key="users_new_password"
    )
    if st.form_submit_button(_("Add user")):
        with user_errors():
            store.create_user(actor, username, password, role)
            flash(fmt(_("User {name} added."), name=username))
            st.rerun()
with right, st.form("users_role_form"):
    st.markdown("#### " + _("Change a user"))
    target = st.selectbox(_("User"), list(users["username"]), key="users_target")
    new_role = st.selectbox(_("New role"), ROLES, format_func=_, key="users_target_role")
    active = st.checkbox(_("Account active"), value=True, key="users_target_active")
    if st.form_submit_button(_("Save")):
        with user_errors():
            current = users.set_index("username").loc[target]
            if current["role"] != new_role:
                store.set_role(actor, target, new_role)
            if bool(current["active"]) != active:
                store.set_active(actor, target, active)
            flash(_("Saved."))
            st.rerun()
