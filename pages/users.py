"""Users (admins): list accounts, add one, and change one user's role or activation."""

import streamlit as st

from reviews import queries
from reviews.workspace.permissions import ROLES
from ui import users_actions as actions
from ui.feedback import show_flash
from ui.guard import page_actor
from ui.i18n import _
from ui.plain import fmt, md
from ui.state import get_store
from ui.tables import translated

actor = page_actor("users")
store = get_store()
st.title(_("Users"))
show_flash()
users = queries.list_users(store)
waiting = queries.users_without_role(store)
if waiting:
    st.warning(
        fmt(
            _(
                "Waiting for a role after their first single sign-on: {names}. "
                "Give them one under Change a user."
            ),
            names=", ".join(waiting),
        )
    )
st.dataframe(translated(users, values=["role", "sign_in"]), hide_index=True, key="users_table")

left, right = st.columns(2)
with left, st.form("users_create_form"):
    st.markdown("#### " + _("Add a user"))
    st.text_input(_("Username"), key="users_new_name")
    st.selectbox(
        _("Role"), ROLES, index=None, placeholder=_("Choose a role"), format_func=_, key="users_new_role"
    )
    st.text_input(_("Initial password (at least 12 characters)"), type="password", key="users_new_password")
    st.form_submit_button(_("Add user"), on_click=actions.add_user, args=(actor,))
    if st.session_state.get(actions.ADD_ERROR):
        st.error(md(st.session_state.pop(actions.ADD_ERROR)))

with right:
    st.markdown("#### " + _("Change a user"))
    target = st.selectbox(_("User"), list(users["username"]), key="users_target", on_change=actions.cancel)
    row = users.set_index("username").loc[target] if target else None
    if row is not None:
        current_role = row["role"] if isinstance(row["role"], str) else None
        others = [r for r in ROLES if r != current_role]
        # Keyed by the user, so the box never carries one user's choice over to another.
        new_role = st.selectbox(
            _("New role"),
            others,
            index=None,
            placeholder=_("Choose a role"),
            format_func=_,
            key=f"users_role_{target}",
        )
        st.button(
            _("Change role"),
            key="users_change_role",
            disabled=new_role is None,
            on_click=actions.ask,
            args=("role", target, new_role),
        )
        if bool(row["active"]):
            st.button(
                _("Disable account"), key="users_disable", on_click=actions.ask, args=("disable", target)
            )
        else:
            st.button(_("Enable account"), key="users_enable", on_click=actions.ask, args=("enable", target))
        pending = st.session_state.get(actions.PENDING)
        if pending and pending[1] == target:
            template, values = actions.question(*pending, current_role)
            st.warning(fmt(template, **values))
            yes, no = st.columns(2)
            yes.button(
                _("Confirm"), key="users_confirm", type="primary", on_click=actions.confirm, args=(actor,)
            )
            no.button(_("Cancel"), key="users_cancel", on_click=actions.cancel)
    if st.session_state.get("users_change_error"):
        st.error(md(st.session_state.pop("users_change_error")))
