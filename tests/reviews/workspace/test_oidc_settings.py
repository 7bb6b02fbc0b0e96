"""Single sign-on settings from the environment: Streamlit's [auth] section and the role mapping."""

from __future__ import annotations

import pytest

from reviews.errors import ReviewsError
from reviews.workspace.oidc_settings import (
    auth_section_from_env,
    load_oidc_policy,
    missing_auth_keys,
    parse_roles,
)

FULL = {
    "SYNTHREVIEW_OIDC_METADATA_URL": "https://id.example.org/.well-known/openid-configuration",
    "SYNTHREVIEW_OIDC_CLIENT_ID": "synthreview",
    "SYNTHREVIEW_OIDC_CLIENT_SECRET": "s3cret",
    "SYNTHREVIEW_OIDC_REDIRECT_URI": "https://review.example.org/oauth2callback",
    "SYNTHREVIEW_OIDC_COOKIE_SECRET": "a-long-random-string-of-letters",
}


def test_no_variables_mean_no_section():
    assert auth_section_from_env({}) is None


def test_all_five_variables_make_streamlits_auth_section():
    section = auth_section_from_env(FULL)
    assert section == {
        "server_metadata_url": FULL["SYNTHREVIEW_OIDC_METADATA_URL"],
        "client_id": "synthreview",
        "client_secret": "s3cret",
        "redirect_uri": "https://review.example.org/oauth2callback",
        "cookie_secret": "a-long-random-string-of-letters",
    }
    assert missing_auth_keys(section) == []


def test_a_partial_set_names_what_is_missing():
    partial = {k: v for k, v in FULL.items() if k != "SYNTHREVIEW_OIDC_COOKIE_SECRET"}
    with pytest.raises(ReviewsError, match="SYNTHREVIEW_OIDC_COOKIE_SECRET"):
        auth_section_from_env(partial)
    assert missing_auth_keys({"client_id": "x"}) == [
        "server_metadata_url",
        "client_secret",
        "redirect_uri",
        "cookie_secret",
    ]


def test_role_pairs_keep_their_order_and_refuse_unknown_roles():
    assert parse_roles(" a=admin, team=x=steward ,,") == (("a", "admin"), ("team=x", "steward"))
    with pytest.raises(ReviewsError, match="'boss' is not a role"):
        parse_roles("a=boss")
    with pytest.raises(ReviewsError, match="value=role"):
        parse_roles("admin")


def test_policy_defaults_and_bad_max_age():
    policy = load_oidc_policy({})
    assert (policy.name, policy.role_claim, policy.roles, policy.max_age_seconds) == (
        "single sign-on",
        "groups",
        (),
        300.0,
    )
    with pytest.raises(ReviewsError, match="MAX_AGE"):
        load_oidc_policy({"SYNTHREVIEW_OIDC_MAX_AGE_SECONDS": "soon"})
