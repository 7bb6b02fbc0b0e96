"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reviews.errors import ReviewsError
from synth.i18n import Msg

_hasher = PasswordHasher()
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    """Hash a new password after checking it is long enough."""
    if len(password) < MIN_LENGTH:
        raise ReviewsError(Msg("The password is too short: use at least {n} characters.", n=MIN_LENGTH))
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; never raises on a mismatch."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
