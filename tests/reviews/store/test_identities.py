"""Single sign-on: accounts linked by issuer and subject, claim-to-role mapping, refusals."""

from __future__ import annotations

import json
import time

import pytest

from reviews import queries
from reviews.errors import AuthenticationFailed, ReviewsError, SignInExpired
from reviews.workspace.oidc_settings import load_oidc_policy
from reviews.workspace.permissions import NO_ROLE, SYSTEM

ISSUER = "https://id.example.org"
POLICY = load_oidc_policy(
    {"SYNTHREVIEW_OIDC_ROLE_CLAIM": "groups", "SYNTHREVIEW_OIDC_ROLES": "sr-admins=admin,sr-stewards=steward"}
)


def claims(sub: str, **extra) -> dict:
    return {"iss": ISSUER, "sub": sub, "iat": int(time.time()), **extra}


@pytest.fixture
def team(store, fast_passwords):
    store.create_user(SYSTEM, "boss", "a-phrase-nobody-guesses", "admin")
    return store


def _actions(store, prefix=""):
    return list(queries.audit_frame(store, prefix)["action"])


def test_first_sign_in_without_a_mapped_claim_creates_an_account_with_no_role(team):
    actor = team.sign_in_oidc(claims("u-1", email="alice@example.org", groups=["staff"]), POLICY)
    assert (actor.username, actor.role) == ("alice@example.org", NO_ROLE)
    assert queries.users_without_role(team) == ["alice@example.org"]
    listed = queries.list_users(team).set_index("username")
    assert listed.loc["alice@example.org", "sign_in"] == "single sign-on"
    assert listed.loc["boss", "sign_in"] == "password"
    created = queries.audit_frame(team, "user.create").iloc[0]
    assert (created["actor"], created["object"]) == ("alice@example.org", "user:alice@example.org")
    assert json.loads(created["payload"]) == {"role": NO_ROLE, "method": "single sign-on", "issuer": ISSUER}


def test_a_mapped_claim_gives_the_role_and_the_same_subject_signs_in_to_the_same_account(team):
    first = team.sign_in_oidc(claims("u-2", preferred_username="sam", groups=["x", "sr-stewards"]), POLICY)
    again = team.sign_in_oidc(claims("u-2", preferred_username="renamed", groups=["sr-stewards"]), POLICY)
    assert first == again
    assert (again.username, again.role) == ("sam", "steward")
    assert team.user_count() == 2


def test_the_first_matching_mapping_wins_and_a_single_string_claim_counts(team):
    assert POLICY.role_for({"groups": ["sr-stewards", "sr-admins"]}) == "admin"
    assert POLICY.role_for({"groups": "sr-stewards"}) == "steward"
    assert POLICY.role_for({"groups": 7}) is None
    assert POLICY.role_for({}) is None


def test_a_local_account_of_the_same_name_is_never_taken_over(team):
    actor = team.sign_in_oidc(claims("u-3", preferred_username="boss", groups=["sr-admins"]), POLICY)
    assert actor.username == "boss-2"
    assert actor.role == "admin"
    assert team.authenticate("boss", "a-phrase-nobody-guesses").user_id != actor.user_id


def test_an_admin_gives_the_role_and_an_unmapped_claim_keeps_it(team):
    team.sign_in_oidc(claims("u-4", email="rita@example.org"), POLICY)
    team.set_role(SYSTEM, "rita@example.org", "reviewer")
    assert team.sign_in_oidc(claims("u-4", email="rita@example.org"), POLICY).role == "reviewer"


def test_the_providers_groups_win_when_they_map_and_the_change_is_audited(team):
    team.sign_in_oidc(claims("u-5", email="sam@example.org", groups=["sr-stewards"]), POLICY)
    team.set_role(SYSTEM, "sam@example.org", "reviewer")
    assert team.sign_in_oidc(claims("u-5", groups=["sr-admins"]), POLICY).role == "admin"
    event = queries.audit_frame(team, "user.set_role").iloc[0]
    assert event["actor"] == "system"


def test_a_disabled_account_cannot_sign_in_and_the_refusal_is_audited(team):
    team.sign_in_oidc(claims("u-6", email="dora@example.org", groups=["sr-stewards"]), POLICY)
    team.set_active(SYSTEM, "dora@example.org", False)
    with pytest.raises(AuthenticationFailed, match="disabled"):
        team.sign_in_oidc(claims("u-6", groups=["sr-stewards"]), POLICY)
    assert _actions(team, "login")[0] == "login.refused"


def test_an_old_provider_sign_in_starts_no_session(team):
    stale = claims("u-7", email="old@example.org")
    stale["iat"] -= POLICY.max_age_seconds + 5
    with pytest.raises(SignInExpired):
        team.sign_in_oidc(stale, POLICY)
    with pytest.raises(SignInExpired):
        team.sign_in_oidc({"iss": ISSUER, "sub": "u-7"}, POLICY)  # no iat at all
    assert team.user_count() == 1


def test_claims_without_issuer_or_subject_are_refused_with_a_message(team):
    with pytest.raises(ReviewsError, match="issuer or subject"):
        team.sign_in_oidc({"sub": "u-8", "iat": int(time.time())}, POLICY)


def test_a_single_sign_on_account_has_no_password(team):
    team.sign_in_oidc(claims("u-9", preferred_username="pat", groups=["sr-stewards"]), POLICY)
    for guess in ("", "!single-sign-on", "anything-at-all-here"):
        with pytest.raises(AuthenticationFailed):
            team.authenticate("pat", guess)


def test_its_session_ends_when_the_account_is_disabled(team):
    actor = team.sign_in_oidc(claims("u-10", preferred_username="vic", groups=["sr-stewards"]), POLICY)
    cookie = team.start_session(actor)
    assert team.resume_session(cookie).role == "steward"
    team.set_active(SYSTEM, "vic", False)
    assert team.resume_session(cookie) is None


def test_the_last_active_admin_is_not_demoted_by_a_claim(store, fast_passwords):
    only = store.sign_in_oidc(claims("u-11", preferred_username="ada", groups=["sr-admins"]), POLICY)
    assert only.role == "admin"
    assert store.sign_in_oidc(claims("u-11", groups=["sr-stewards"]), POLICY).role == "admin"
