"""Single sign-on through Streamlit's ``st.login`` / ``st.user``, handed over to SynthReview's session.

Streamlit runs the OpenID Connect exchange and keeps who signed in in its own identity cookie
(``st.user``). That cookie is not a SynthReview session: right after the provider sends the
person back, ``sign_in_with_provider`` asks the store for the linked account
(``reviews.store.identities``) and starts an ordinary server-side session, so revocation,
disabling and role changes apply as for a password account. Signing out ends both
(``ui.state.sign_out``).

The provider is configured in Streamlit's ``[auth]`` secrets (``.streamlit/secrets.toml``) or by
``SYNTHREVIEW_OIDC_*`` variables (``reviews.workspace.oidc_settings``), which, when set, replace
that section through Streamlit's programmatic secrets.
"""

from __future__ import annotations

import streamlit as st

from reviews.errors import ReviewsError, SignInExpired
from reviews.workspace.oidc_settings import auth_section_from_env, load_oidc_policy, missing_auth_keys
from reviews.workspace.permissions import Actor
from synth.i18n import message_of
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.plain import fmt, md
from ui.state import client_address, get_store, sign_in

TRIED_KEY = "oidc_tried"  # the provider identity already handed over (or refused) in this session
ERROR_KEY = "oidc_error"


@st.cache_resource(show_spinner=False)
def _merge_env_secrets() -> bool:
    # Once per process: st.login and the /oauth2callback route read Streamlit's secrets.
    section = auth_section_from_env()
    if section is None:
        return False
    st.secrets.load_if_toml_exists()  # read the file first, so the merge replaces only [auth]
    st.secrets.merge_programmatic_secrets({"auth": section})
    return True


def _auth_section() -> dict:
    _merge_env_secrets()
    if not st.secrets.load_if_toml_exists():
        return {}
    section = st.secrets.get("auth")
    return section.to_dict() if section is not None else {}


def provider_configured() -> bool:
    """True when a complete ``[auth]`` section names an OpenID Connect provider."""
    try:
        section = _auth_section()
    except ReviewsError:
        return False
    return bool(section) and not missing_auth_keys(section)


def _provider_claims() -> dict | None:
    try:
        if not st.user.is_logged_in:
            return None
        return st.user.to_dict()
    except Exception:  # no request behind this run (tests, bare mode): nobody signed in
        return None


def sign_in_with_provider() -> Actor | None:
    """Hand the person the provider just sent back over to a SynthReview session, once."""
    if not provider_configured():
        return None
    claims = _provider_claims()
    if claims is None:
        return None
    identity = (claims.get("iss"), claims.get("sub"), claims.get("iat"))
    if st.session_state.get(TRIED_KEY) == identity:
        return None  # already refused in this session: the sign-in page says why
    st.session_state[TRIED_KEY] = identity
    try:
        actor = get_store().sign_in_oidc(claims, load_oidc_policy(), client_address())
    except SignInExpired:
        return None  # an old provider sign-in: the person signs in again, with the button
    except ReviewsError as exc:
        st.session_state[ERROR_KEY] = tr(message_of(exc))
        return None
    sign_in(actor)
    return actor


def render_provider_sign_in() -> None:
    """The sign-in page's single sign-on part: a button, and why a sign-in was refused."""
    section, name = {}, ""
    with user_errors():
        section = _auth_section()
        if section and not missing_auth_keys(section):
            name = load_oidc_policy().name
    if not section:
        return
    missing = missing_auth_keys(section)
    if missing:
        st.warning(
            fmt(
                _("Single sign-on is not fully configured: the [auth] secrets lack {keys}."),
                keys=", ".join(missing),
            )
        )
        return
    if not name:
        return  # the policy's error is shown above
    st.divider()
    if st.session_state.get(ERROR_KEY):
        st.error(md(st.session_state[ERROR_KEY]))
    if st.button(fmt(_("Sign in with {provider}"), provider=name), key="login_oidc", type="primary"):
        st.session_state.pop(ERROR_KEY, None)
        st.login()
    if _provider_claims() is not None:
        st.button(fmt(_("Sign out of {provider}"), provider=name), key="login_oidc_out", on_click=st.logout)
