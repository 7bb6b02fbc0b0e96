"""Sign an AppTest in the way a browser is: with a live server-side session for the account."""

from __future__ import annotations

from reviews.store import open_store
from reviews.workspace.permissions import Actor


def sign_in_app(at, actor: Actor) -> None:
    """Give ``at`` a session of ``actor``'s account in the workspace the environment names."""
    at.session_state["session_cookie"] = open_store().start_session(actor)
