"""The workspace store and the signed-in user, as seen from a Streamlit session."""

from __future__ import annotations

import os

import streamlit as st

from reviews import queries
from reviews.jobs.worker import ensure_background_worker
from reviews.store import Store, open_store
from reviews.workspace.config import Settings, load_settings
from reviews.workspace.demo import seed_demo
from reviews.workspace.permissions import Actor


@st.cache_resource(show_spinner=False)
def _store_for(settings: Settings) -> Store:
    # Keyed by settings so tests (and admins) pointing at another home get another store.
    store = open_store(settings)
    if settings.demo:
        seed_demo(store)
    if os.environ.get("SYNTHREVIEW_WORKER", "thread") != "off":
        ensure_background_worker(store)  # the in-process runner: jobs go on while pages reload
    return store


def get_store() -> Store:
    """The shared store of this process's workspace (one engine, thread-safe)."""
    return _store_for(load_settings())


def current_actor() -> Actor | None:
    return st.session_state.get("actor")


def sign_in(actor: Actor) -> None:
    st.session_state["actor"] = actor
    # A user who never chose a language keeps the one in force (the browser's, or one picked
    # on the sign-in page); a stored choice wins.
    stored = queries.user_language(get_store(), actor.username)
    if stored:
        st.session_state["language"] = stored


def sign_out() -> None:
    """Forget the user and everything the pages remembered for them."""
    for key in list(st.session_state.keys()):
        if not str(key).startswith("$$"):  # Streamlit's own bookkeeping stays
            del st.session_state[key]
