"""Session tokens: a random value the browser keeps, signed so a forged one is refused unread.

The token is 32 random bytes (``secrets.token_urlsafe``); the cookie holds
``token.signature`` where the signature is HMAC-SHA256 under the workspace's session secret.
The store keeps only sha256(token) as the session id, so a copy of the database lets nobody
sign in. The secret comes from ``SYNTHREVIEW_SESSION_SECRET`` (set the same value on every
replica of a team deployment) or else from ``<SYNTHREVIEW_HOME>/keys/session-secret``, created
on first use with file mode 0600.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from reviews.workspace.config import load_settings

SECRET_FILE = "session-secret"


def _secret() -> bytes:
    configured = os.environ.get("SYNTHREVIEW_SESSION_SECRET")
    if configured:
        return configured.encode()
    path = load_settings().home / "keys" / SECRET_FILE
    if not path.exists():
        _create(path)
    return path.read_bytes()


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:  # O_EXCL: when two processes race, one secret wins and both read it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.urlsafe_b64encode(secrets.token_bytes(32)))


def _signature(token: str) -> str:
    digest = hmac.new(_secret(), token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def session_id(token: str) -> str:
    """The id the store keeps for ``token``: its sha256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh (cookie value, session id) pair."""
    token = secrets.token_urlsafe(32)
    return f"{token}.{_signature(token)}", session_id(token)


def session_id_from_cookie(value: str | None) -> str | None:
    """The session id a cookie value names, or None when it is missing or its signature fails."""
    if not value or value.count(".") != 1:
        return None
    token, signature = value.split(".")
    if not hmac.compare_digest(signature, _signature(token)):
        return None
    return session_id(token)
