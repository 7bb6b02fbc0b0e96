"""The Users page's actions: add a user, and change one user's role or activation, each confirmed.

Each action runs in a widget callback, before the page is drawn, so it may reset the fields it
owns: a successful "Add a user" empties the form; a refused one keeps what was typed except the
password. A role change, a disable and an enable are separate actions on the selected user;
each asks for a confirmation that names the user and the change, and is one store call (one
audit event).
"""

from __future__ import annotations

import streamlit as st

from reviews.errors import ReviewsError
from reviews.workspace.permissions import Actor
from synth.i18n import message_of
from ui.feedback import flash
from ui.i18n import _, tr
from ui.plain import fmt
from ui.state import get_store

ADD_ERROR = "users_add_error"
PENDING = "users_pending"  # (action, username, value) awaiting confirmation


def add_user(actor: Actor) -> None:
    state = st.session_state
    username, role = state.get("users_new_name", ""), state.get("users_new_role")
    password = state.get("users_new_password", "")
    state["users_new_password"] = ""  # never kept, whatever happens
    if role is None:
        state[ADD_ERROR] = _("Choose a role for the new user.")
        return
    try:
        get_store().create_user(actor, username, password, role)
    except ReviewsError as exc:
        state[ADD_ERROR] = tr(message_of(exc))
        return
    state["users_new_name"], state["users_new_role"] = "", None
    state.pop(ADD_ERROR, None)
    flash(fmt(_("User {name} added."), name=username.strip()))


def ask(action: str, username: str, value: str | None = None) -> None:
    st.session_state[PENDING] = (action, username, value)


def cancel() -> None:
    st.session_state.pop(PENDING, None)


def confirm(actor: Actor) -> None:
    action, username, value = st.session_state.pop(PENDING)
    store = get_store()
    try:
        if action == "role":
            store.set_role(actor, username, value)
            flash(fmt(_("{name} is now {role}."), name=username, role=_(value)))
        else:
            store.set_active(actor, username, action == "enable")
            done = _("{name} is enabled.") if action == "enable" else _("{name} is disabled and signed out.")
            flash(fmt(done, name=username))
    except ReviewsError as exc:
        st.session_state["users_change_error"] = tr(message_of(exc))


def question(action: str, username: str, value: str | None, current_role: str | None) -> tuple[str, dict]:
    """The confirmation sentence for a pending action (template and values for ``ui.plain.fmt``)."""
    if action == "role":
        return _("Change the role of {name} from {old} to {new}?"), {
            "name": username,
            "old": _(current_role) if current_role else "—",
            "new": _(value),
        }
    if action == "disable":
        return _("Disable {name}? They are signed out at their next click and cannot sign in."), {
            "name": username
        }
    return _("Enable {name} again? They can sign in with their password."), {"name": username}
