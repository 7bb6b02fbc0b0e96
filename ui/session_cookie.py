"""How the session token reaches the browser and comes back: a first-party cookie.

Choice: Streamlit's own mechanisms, no third-party component. The cookie is written by a
one-line script rendered with ``st.html(..., unsafe_allow_javascript=True)`` (the script is
ours; no user text enters it) and read back on the server with ``st.context.cookies``, which
Streamlit fills from the request that opened the page's connection. So a reload, a new tab or
a deep link sends the cookie with the connection and the server resumes the session before
the first page is drawn. Cookie components from PyPI do the same through an iframe and report
the cookie only on a second run, after the page has already been drawn signed out; Streamlit's
own ``st.login`` cookie is reserved for its OIDC flow.

The cookie holds only the signed random token (``reviews.workspace.session_tokens``), never
anything else, and never goes into the URL. It is ``SameSite=Strict`` (``Secure`` over HTTPS)
and lives no longer than the session's absolute expiry. It cannot be ``HttpOnly`` because a
script sets it; what makes that acceptable is that the session it names lives on the server:
signing out, disabling the account or the expiry revokes it there, whatever the browser keeps.
"""

from __future__ import annotations

import json

import streamlit as st

COOKIE = "synthreview_session"


def read_cookie() -> str | None:
    """The token cookie sent with this page's connection, if any."""
    try:
        value = dict(st.context.cookies).get(COOKIE)
    except Exception:  # no request behind this run: no cookie
        return None
    return value if isinstance(value, str) and value else None


def _script(value: str, max_age: int) -> str:
    assignment = json.dumps(f"{COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Strict")
    return (
        f"<script>document.cookie = {assignment} + "
        '(window.location.protocol === "https:" ? "; Secure" : "");</script>'
    )


def write_cookie(value: str, max_age: int) -> None:
    """Render the script that stores ``value`` in the browser (idempotent; safe on every run)."""
    st.html(_script(value, max_age), unsafe_allow_javascript=True, width="content")


def clear_cookie() -> None:
    """Render the script that removes the cookie from the browser."""
    st.html(_script("", 0), unsafe_allow_javascript=True, width="content")
