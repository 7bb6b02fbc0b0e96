"""Accounts: password policy, server-side sessions, lockout, sign-in bookkeeping, the last admin."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from argon2 import PasswordHasher

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import AuthenticationFailed, PermissionDenied, ReviewsError
from reviews.workspace import passwords
from reviews.workspace.permissions import SYSTEM, Actor
from reviews.workspace.session_tokens import new_token

PASSWORD = "a-phrase-nobody-guesses"


@pytest.fixture
def team(store, fast_passwords):
    store.create_user(SYSTEM, "boss", PASSWORD, "admin")
    store.create_user(SYSTEM, "rita", PASSWORD, "reviewer")
    return store


def _actions(store, prefix=""):
    return list(queries.audit_frame(store, prefix)["action"])


@pytest.mark.parametrize("password", ["short", "eleven-char", "password1234", "Qwertyuiop123"])
def test_short_or_common_passwords_are_refused(store, fast_passwords, password):
    with pytest.raises(ReviewsError):
        store.create_user(SYSTEM, "boss", password, "admin")
    assert store.user_count() == 0


def test_demo_seeding_alone_skips_the_policy(store, fast_passwords):
    store.create_user(SYSTEM, "admin", "admin-demo", "admin", enforce_policy=False)
    assert store.authenticate("admin", "admin-demo").role == "admin"


def test_a_session_resumes_until_signed_out(team):
    cookie = team.start_session(team.authenticate("rita", PASSWORD))
    assert team.resume_session(cookie) == Actor("rita", "reviewer", team.resume_session(cookie).user_id)
    team.end_session(cookie)
    assert team.resume_session(cookie) is None
    assert _actions(team, "session")[:2] == ["session.end", "session.start"]


def test_forged_or_unknown_tokens_resume_nothing(team):
    cookie = team.start_session(team.authenticate("rita", PASSWORD))
    token, signature = cookie.split(".")
    assert team.resume_session(f"{token}x.{signature}") is None
    assert team.resume_session(new_token()[0]) is None  # well signed, but no such session
    assert team.resume_session(None) is None


def test_disabling_ends_open_sessions_and_a_role_change_applies_at_once(team):
    boss = team.authenticate("boss", PASSWORD)
    rita = team.start_session(team.authenticate("rita", PASSWORD))
    team.set_role(boss, "rita", "steward")
    assert team.resume_session(rita).role == "steward"
    team.set_active(boss, "rita", False)
    assert team.resume_session(rita) is None
    event = queries.audit_frame(team, "user.set_active").iloc[0]
    assert '"sessions_ended":1' in event["payload"].replace(" ", "")
    team.set_active(boss, "rita", True)
    assert team.resume_session(rita) is None  # re-enabling does not revive an ended session


def test_idle_and_absolute_expiry(team, monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_SESSION_IDLE_HOURS", str(0.5 / 3600))
    cookie = team.start_session(team.authenticate("rita", PASSWORD))
    time.sleep(0.6)
    assert team.resume_session(cookie) is None
    monkeypatch.setenv("SYNTHREVIEW_SESSION_IDLE_HOURS", "8")
    monkeypatch.setenv("SYNTHREVIEW_SESSION_MAX_HOURS", str(0.5 / 3600))
    cookie = team.start_session(team.authenticate("rita", PASSWORD))
    assert team.resume_session(cookie) is not None
    time.sleep(0.6)
    assert team.resume_session(cookie) is None
    assert "idle" in queries.audit_frame(team, "session.end")["payload"].iloc[-1]


def test_lockout_refuses_the_right_password_until_it_ends(team, monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_LOCKOUT_ATTEMPTS", "3")
    monkeypatch.setenv("SYNTHREVIEW_LOCKOUT_SECONDS", "1.5")
    messages = set()
    for _ in range(3):
        with pytest.raises(AuthenticationFailed) as failure:
            team.authenticate("rita", "not-her-password")
        messages.add(str(failure.value))
    with pytest.raises(AuthenticationFailed) as locked:
        team.authenticate("rita", PASSWORD)
    with pytest.raises(AuthenticationFailed) as unknown:
        team.authenticate("nobody-here", PASSWORD)
    assert messages == {str(locked.value)} == {str(unknown.value)}
    assert _actions(team, "login.failed").count("login.failed") == 3
    assert _actions(team, "user.locked") == ["user.locked"]
    assert _actions(team, "login.refused") == ["login.refused"]
    time.sleep(1.6)
    assert team.authenticate("rita", PASSWORD).role == "reviewer"
    assert verify_chain(team.engine).ok


def test_every_answer_does_one_argon2_verification(team, monkeypatch):
    # An unknown user, a wrong password and a locked account cost what a right password costs.
    calls = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            calls.append(1)
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", Counting(time_cost=1, memory_cost=1024, parallelism=1))
    team.create_user(SYSTEM, "olga", PASSWORD, "officer")  # hashed with the counting hasher
    monkeypatch.setenv("SYNTHREVIEW_LOCKOUT_ATTEMPTS", "1")
    for username, password in [
        ("olga", PASSWORD),
        ("ghost", PASSWORD),
        ("olga", "wrong"),
        ("olga", PASSWORD),
    ]:
        calls.clear()
        with contextlib.suppress(AuthenticationFailed):
            team.authenticate(username, password)
        assert len(calls) == 1, username


def test_unknown_usernames_are_counted_never_written_down(team):
    typed = "MyS3cret!password"  # a password typed into the username box
    for _ in range(12):
        with pytest.raises(AuthenticationFailed):
            team.authenticate(typed, "whatever", source="10.0.0.7")
    frame = queries.audit_frame(team)
    assert not frame.apply(lambda row: typed in " ".join(map(str, row.values)), axis=1).any()
    unknown = queries.audit_frame(team, "login.unknown_user")
    assert len(unknown) == 2  # the 1st and the 10th failure of the window, not all twelve
    assert set(unknown["object"]) == {"source:10.0.0.7"}
    assert '"count":10' in unknown["payload"].iloc[0].replace(" ", "")


def test_the_last_active_admin_cannot_be_demoted_or_disabled(team):
    boss = team.authenticate("boss", PASSWORD)
    with pytest.raises(ReviewsError, match="last active admin"):
        team.set_role(boss, "boss", "steward")
    with pytest.raises(ReviewsError, match="last active admin"):
        team.set_active(boss, "boss", False)
    team.set_role(boss, "rita", "admin")
    team.set_role(boss, "boss", "steward")  # another admin exists now
    assert queries.list_users(team).set_index("username").loc["boss", "role"] == "steward"


def test_concurrent_first_run_leaves_one_admin(store, fast_passwords):
    barrier, results = threading.Barrier(6), []

    def create(name):
        barrier.wait()
        try:
            store.create_first_admin(name, PASSWORD)
            results.append(name)
        except PermissionDenied:
            pass

    threads = [threading.Thread(target=create, args=(f"admin{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1 and store.user_count() == 1
    assert list(queries.list_users(store)["username"]) == results
