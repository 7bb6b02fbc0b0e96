"""Every page checks its visitor itself.

Streamlit runs a fresh process in its legacy multipage mode until ``st.navigation`` is first
called, and in that mode any file in ``pages/`` can be opened by URL without ``app.py``
running. So a page never trusts that navigation filtered its visitor.
"""

from __future__ import annotations

import streamlit as st

from reviews.workspace.permissions import NO_ROLE, Actor
from ui.i18n import _
from ui.navigation import roles_for
from ui.state import current_actor


def page_actor(url_path: str) -> Actor:
    """The signed-in actor if their role may open ``url_path``; otherwise stop the page here."""
    actor = current_actor()
    roles = roles_for(url_path)
    if actor is None or actor.role == NO_ROLE or (roles is not None and actor.role not in roles):
        st.error(_("This page is not available to you. Sign in with an account whose role may use it."))
        st.stop()
    return actor
