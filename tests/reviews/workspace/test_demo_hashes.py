"""The demo accounts' stored hashes are their published passwords, hashed as any password is."""

from __future__ import annotations

from argon2 import extract_parameters

from reviews.workspace.demo import DEMO_HASHES, DEMO_USERS
from reviews.workspace.passwords import _hasher, hash_password, password_matches


def test_each_demo_hash_is_its_password_under_the_hasher_in_force():
    assert set(DEMO_HASHES) == {username for username, _role, _password in DEMO_USERS}
    fresh = extract_parameters(hash_password("a fresh hash, for its parameters", enforce_policy=False))
    for username, _role, password in DEMO_USERS:
        assert password_matches(DEMO_HASHES[username], password), username
        assert not password_matches(DEMO_HASHES[username], password + "x")
        assert extract_parameters(DEMO_HASHES[username]) == fresh == _hasher._parameters
