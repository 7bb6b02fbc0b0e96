"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106) and the password policy.

The policy: at least 12 characters, and not one of the 30,000 most common passwords. That list
is the ``passwords`` frequency list of the maintained ``zxcvbn`` package (drawn from leaked
password sets), so it ships with the installed package and needs no download. A common password
with digits or ``!.?`` appended counts as common too.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reviews.errors import ReviewsError
from synth.i18n import N_, Msg

_hasher = PasswordHasher()
MIN_LENGTH = 12


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_policy(password: str) -> None:
    """Refuse a password that is too short or common; the message says how to choose one."""
    if len(password) < MIN_LENGTH:
        raise ReviewsError(Msg("The password is too short: use at least {n} characters.", n=MIN_LENGTH))
    lowered = password.lower()
    # "dragon123456" is "dragon" with digits appended: as guessable as the word itself.
    if lowered in _common_passwords() or lowered.rstrip("0123456789!.?") in _common_passwords():
        raise ReviewsError(
            N_("This password is on a list of commonly used passwords; choose one that is harder to guess.")
        )


def hash_password(password: str, *, enforce_policy: bool = True) -> str:
    """Hash a new password after checking it against the policy.

    ``enforce_policy=False`` is for the demo accounts only, whose short passwords are published
    in the README and which exist only in demo mode.
    """
    if enforce_policy:
        check_policy(password)
    elif not password:
        raise ReviewsError(N_("The password must not be empty."))
    return _hasher.hash(password)


# The password hash of an account made by single sign-on: no password opens it. Checking one
# against it costs what a real check costs, so the answer does not tell such accounts apart.
NO_PASSWORD = "!single-sign-on"


def password_matches(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; never raises on a mismatch."""
    if stored_hash == NO_PASSWORD:
        dummy_verify(password)
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy: dict[int, str] = {}


def dummy_verify(password: str) -> None:
    """Spend the time of one real verification, for an unknown user or a locked account.

    The hash is made with the hasher in force, so its cost matches the real hashes'.
    """
    key = id(_hasher)
    if key not in _dummy:
        _dummy[key] = _hasher.hash("not a password anyone has: timing only")
    password_matches(_dummy[key], password)
