"""Single sign-on settings read from the environment: the provider, and how claims map to roles.

Streamlit signs people in through the ``[auth]`` section of its secrets (``st.login``). That
section can be written in ``.streamlit/secrets.toml``, or given as environment variables, which
``auth_section_from_env`` turns into the same section:

| variable | ``[auth]`` key | meaning |
|---|---|---|
| ``SYNTHREVIEW_OIDC_METADATA_URL`` | ``server_metadata_url`` | the provider's discovery document URL |
| ``SYNTHREVIEW_OIDC_CLIENT_ID`` | ``client_id`` | this app's client id at the provider |
| ``SYNTHREVIEW_OIDC_CLIENT_SECRET`` | ``client_secret`` | its client secret |
| ``SYNTHREVIEW_OIDC_REDIRECT_URI`` | ``redirect_uri`` | ``http(s)://<this app>/oauth2callback`` |
| ``SYNTHREVIEW_OIDC_COOKIE_SECRET`` | ``cookie_secret`` | a long random string; signs the identity cookie |

SynthReview's own single sign-on settings (``load_oidc_policy``):

| variable | default | meaning |
|---|---|---|
| ``SYNTHREVIEW_OIDC_NAME`` | ``single sign-on`` | the provider's name on the sign-in button |
| ``SYNTHREVIEW_OIDC_ROLE_CLAIM`` | ``groups`` | the claim whose values map to roles |
| ``SYNTHREVIEW_OIDC_ROLES`` | (none) | ``value=role`` pairs, comma-separated; the first that matches wins |
| ``SYNTHREVIEW_OIDC_MAX_AGE_SECONDS`` | 300 | how recent the provider's sign-in must be to count |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from reviews.errors import ReviewsError
from reviews.workspace.permissions import ROLES
from synth.i18n import Msg, joined, word

ENV_TO_AUTH = {
    "SYNTHREVIEW_OIDC_METADATA_URL": "server_metadata_url",
    "SYNTHREVIEW_OIDC_CLIENT_ID": "client_id",
    "SYNTHREVIEW_OIDC_CLIENT_SECRET": "client_secret",
    "SYNTHREVIEW_OIDC_REDIRECT_URI": "redirect_uri",
    "SYNTHREVIEW_OIDC_COOKIE_SECRET": "cookie_secret",
}
REQUIRED_AUTH_KEYS = tuple(ENV_TO_AUTH.values())
DEFAULT_NAME = "single sign-on"


def auth_section_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str] | None:
    """Streamlit's ``[auth]`` section built from ``SYNTHREVIEW_OIDC_*``; None when none is set.

    Setting some of the five but not all is a mistake worth naming, so it raises.
    """
    environ = os.environ if environ is None else environ
    given = {key: environ.get(name, "").strip() for name, key in ENV_TO_AUTH.items()}
    if not any(given.values()):
        return None
    missing = [name for name, key in ENV_TO_AUTH.items() if not given[key]]
    if missing:
        raise ReviewsError(
            Msg(
                "Single sign-on is partly configured: set {missing} as well, or unset every "
                "SYNTHREVIEW_OIDC_* variable.",
                missing=", ".join(missing),
            )
        )
    return given


def missing_auth_keys(section: Mapping[str, object] | None) -> list[str]:
    """The ``[auth]`` keys a configured provider still lacks (empty: it is complete)."""
    section = section or {}
    return [key for key in REQUIRED_AUTH_KEYS if not section.get(key)]


@dataclass(frozen=True)
class OidcPolicy:
    name: str
    role_claim: str
    roles: tuple[tuple[str, str], ...]  # (claim value, role), in the order they were written
    max_age_seconds: float

    def role_for(self, claims: Mapping[str, object]) -> str | None:
        """The role the configured claim grants, or None when no value of it is mapped."""
        value = claims.get(self.role_claim)
        values = (
            {value} if isinstance(value, str) else set(value) if isinstance(value, list | tuple) else set()
        )
        for claim_value, role in self.roles:
            if claim_value in values:
                return role
        return None


def parse_roles(text: str) -> tuple[tuple[str, str], ...]:
    """``"sr-admins=admin, sr-officers=officer"`` as pairs; a bad pair or role is named."""
    pairs = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        value, sep, role = item.rpartition("=")
        value, role = value.strip(), role.strip()
        if not sep or not value:
            raise ReviewsError(
                Msg(
                    "SYNTHREVIEW_OIDC_ROLES: {item!r} is not of the form value=role "
                    "(for example sr-admins=admin).",
                    item=item,
                )
            )
        if role not in ROLES:
            raise ReviewsError(
                Msg(
                    "SYNTHREVIEW_OIDC_ROLES: {role!r} is not a role; use one of {roles}.",
                    role=role,
                    roles=joined(map(word, ROLES)),
                )
            )
        pairs.append((value, role))
    return tuple(pairs)


def load_oidc_policy(environ: Mapping[str, str] | None = None) -> OidcPolicy:
    """The single sign-on policy in force now (``SYNTHREVIEW_OIDC_NAME``, ``_ROLE_CLAIM`` ...)."""
    environ = os.environ if environ is None else environ
    raw_age = environ.get("SYNTHREVIEW_OIDC_MAX_AGE_SECONDS", "").strip() or "300"
    try:
        max_age = float(raw_age)
    except ValueError:
        max_age = -1.0
    if max_age <= 0:
        raise ReviewsError(
            Msg("SYNTHREVIEW_OIDC_MAX_AGE_SECONDS must be a positive number, not {value!r}.", value=raw_age)
        )
    return OidcPolicy(
        name=environ.get("SYNTHREVIEW_OIDC_NAME", "").strip() or DEFAULT_NAME,
        role_claim=environ.get("SYNTHREVIEW_OIDC_ROLE_CLAIM", "").strip() or "groups",
        roles=parse_roles(environ.get("SYNTHREVIEW_OIDC_ROLES", "")),
        max_age_seconds=max_age,
    )
