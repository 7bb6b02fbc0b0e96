"""The workspace store and the signed-in user, as seen from a Streamlit session.

Being signed in means holding a live server-side session (``reviews.store.sessions``). Every
run of the app (every click) resumes it from the store, so a disabled account or an ended
session signs the browser out at once, and a changed role applies at once.
"""

from __future__ import annotations

import os

import streamlit as st

from reviews import queries
from reviews.jobs.worker import ensure_background_worker
from reviews.jobs.worker_process import ensure_worker_process
from reviews.store import Store, open_store
from reviews.workspace.account_policy import load_policy
from reviews.workspace.config import Settings, load_settings
from reviews.workspace.permissions import Actor
from ui.session_cookie import clear_cookie, read_cookie, write_cookie

COOKIE_KEY = "session_cookie"
CLEAR_KEY = "session_cookie_clear"
DEAD_KEY = "session_cookie_dead"  # the browser's cookie, known to name no live session


@st.cache_resource(show_spinner=False)
def _store_for(settings: Settings) -> Store:
    # Keyed by settings so tests (and admins) pointing at another home get another store.
    store = open_store(settings)
    if settings.demo:
        from reviews.workspace.demo import seed_demo  # the ranking stack, needed only here

        seed_demo(store)
    if _worker_mode() == "thread":
        ensure_background_worker(store)  # the in-process runner
    return store


def _worker_mode() -> str:
    return os.environ.get("SYNTHREVIEW_WORKER", "process")


def get_store() -> Store:
    """The shared store of this process's workspace (one engine, thread-safe)."""
    store = _store_for(load_settings())
    if _worker_mode() == "process":
        # Jobs go on while pages reload, without slowing the pages; a worker that died is
        # started again by the next page run.
        ensure_worker_process()
    return store


def current_actor() -> Actor | None:
    """The signed-in actor as stored now; resumes the session from the browser's cookie."""
    cookie = st.session_state.get(COOKIE_KEY)
    if cookie is None:
        browser = read_cookie()
        cookie = browser if browser != st.session_state.get(DEAD_KEY) else None
    if not cookie:
        return None
    store = get_store()
    actor = store.resume_session(cookie)
    if actor is None:
        _forget(cookie)
        return None
    previous = st.session_state.get("actor")
    if previous is None:
        _adopt_language(actor)
    elif previous.role != actor.role:
        store.note_role_change(actor, previous.role)
    st.session_state["actor"] = actor
    st.session_state[COOKIE_KEY] = cookie
    return actor


def client_address() -> str:
    """Where this browser connects from, as the server sees it (for sign-in bookkeeping)."""
    try:
        return st.context.ip_address or "unknown"
    except Exception:
        return "unknown"


def sign_in(actor: Actor) -> None:
    """Start a server-side session for ``actor`` and hand its token to the browser."""
    st.session_state[COOKIE_KEY] = get_store().start_session(actor)
    st.session_state.pop(CLEAR_KEY, None)
    st.session_state["actor"] = actor
    _adopt_language(actor)


def _adopt_language(actor: Actor) -> None:
    # A user who never chose a language keeps the one in force (the browser's, or one picked
    # on the sign-in page); a stored choice wins.
    stored = queries.user_language(get_store(), actor.username)
    if stored:
        st.session_state["language"] = stored


def sign_out() -> None:
    """End the session in the store, then forget everything the pages remembered; someone who
    came in through single sign-on is signed out of Streamlit's identity (``st.user``) too."""
    cookie = st.session_state.get(COOKIE_KEY) or read_cookie()
    get_store().end_session(cookie)
    _forget(read_cookie())
    if _provider_signed_in():
        st.logout()


def _provider_signed_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # no request behind this run: nobody signed in
        return False


def _forget(dead_cookie: str | None) -> None:
    language = st.session_state.get("language")
    for key in list(st.session_state.keys()):
        if not str(key).startswith("$$"):  # Streamlit's own bookkeeping stays
            del st.session_state[key]
    if language:
        st.session_state["language"] = language  # the sign-in page stays in the reader's language
    st.session_state[CLEAR_KEY] = True
    st.session_state[DEAD_KEY] = dead_cookie


def sync_cookie() -> None:
    """Keep the browser's cookie in step with this session (rendered once per run, invisibly)."""
    cookie = st.session_state.get(COOKIE_KEY)
    with st.sidebar:
        if cookie:
            write_cookie(cookie, int(load_policy().absolute.total_seconds()))
        elif st.session_state.get(CLEAR_KEY) and read_cookie():
            clear_cookie()
