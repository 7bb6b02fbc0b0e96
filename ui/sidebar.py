"""The sidebar every page shares: who is signed in, the language switch, sign-out, demo banner."""

from __future__ import annotations

import streamlit as st

from reviews.workspace.config import load_settings
from reviews.workspace.permissions import Actor
from ui.feedback import user_errors
from ui.i18n import LANGUAGES, _, current_language
from ui.plain import md
from ui.state import get_store, sign_out


def _change_language() -> None:
    st.session_state["language"] = st.session_state["sidebar_language"]
    st.session_state["language_dirty"] = True


def render_sidebar(actor: Actor | None) -> None:
    if load_settings().demo:
        st.sidebar.info(_("Demo workspace: the data and users here are for demonstration only."))
    codes = list(LANGUAGES)
    # The box always shows the language in force: after sign-in that is the user's stored choice.
    st.session_state["sidebar_language"] = current_language()
    st.sidebar.selectbox(
        _("Language"), codes, format_func=LANGUAGES.get, key="sidebar_language", on_change=_change_language
    )
    if actor is None:
        return
    if st.session_state.pop("language_dirty", False):
        with user_errors():
            get_store().set_language(actor, current_language())
    st.sidebar.markdown(f"**{md(actor.username)}** · {md(_(actor.role))}")
    st.sidebar.button(_("Sign out"), key="sidebar_sign_out", on_click=sign_out)
    if load_settings().demo and actor.role == "admin":
        with st.sidebar.popover(_("Reset demo")):
            st.write(_("Wipe this demo workspace and seed it afresh. Everyone is signed out of their work."))
            if st.button(_("Yes, reset the demo"), key="sidebar_reset_demo", type="primary"):
                with user_errors():
                    from reviews.workspace.demo import reset_demo  # the generation stack, only here

                    reset_demo(get_store(), actor)
                    st.cache_data.clear()
                    st.success(_("The demo workspace was reset."))
