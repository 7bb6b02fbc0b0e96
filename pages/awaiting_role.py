"""Waiting for a role: an account made by single sign-on that no admin has given a role yet."""

import streamlit as st

from ui.i18n import _
from ui.plain import fmt
from ui.state import current_actor

actor = current_actor()
st.title(_("Waiting for a role"))
if actor is not None:
    st.info(
        fmt(
            _(
                "Welcome, {name}. Your account was created when you signed in with single sign-on, "
                "but it has no role yet. An admin must give you one on the Users page; after that, "
                "your next click opens the pages of your role."
            ),
            name=actor.username,
        )
    )
