"""The workspace's Ed25519 signing key, used for sign-off records and evidence bundles.

The private key is created on first use as ``<SYNTHREVIEW_HOME>/keys/signing-ed25519.pem``
(PKCS#8, file mode 0600, folder 0700) and never leaves that folder; only the public key
goes into the database and into bundles. Ed25519 signatures are deterministic (RFC 8032),
so signing the same bytes twice gives the same signature, which keeps bundles reproducible.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from reviews.errors import ReviewsError
from reviews.workspace.config import load_settings
from synth.i18n import Msg

KEY_FOLDER = "keys"
KEY_FILE = "signing-ed25519.pem"


def key_path(home: Path | None = None) -> Path:
    """Where the private key lives for ``home`` (default: the configured workspace home)."""
    return (home or load_settings().home) / KEY_FOLDER / KEY_FILE


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # O_EXCL: if two processes race to create the key, exactly one wins and both use its key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())


def private_key(home: Path | None = None) -> Ed25519PrivateKey:
    """The workspace key, created on first use."""
    path = key_path(home)
    if not path.exists():
        _create(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except ValueError as exc:
        raise ReviewsError(
            Msg("The signing key {path} is unreadable; restore it from a backup.", path=str(path))
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ReviewsError(
            Msg("The signing key {path} is not an Ed25519 key; restore the workspace's key.", path=str(path))
        )
    return key


def public_key_pem(home: Path | None = None) -> bytes:
    """The workspace's public key as PEM (SubjectPublicKeyInfo)."""
    return (
        private_key(home)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def existing_public_key_pem(home: Path | None = None) -> bytes | None:
    """The workspace's public key when it already has one; never creates a key (for checking)."""
    return public_key_pem(home) if key_path(home).exists() else None


def fingerprint(public_pem: bytes) -> str:
    """sha256 of the raw 32-byte public key, a short name for the key."""
    raw = load_public_key(public_pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign(data: bytes, home: Path | None = None) -> bytes:
    """The 64-byte Ed25519 signature of ``data`` with the workspace key."""
    return private_key(home).sign(data)


def load_public_key(public_pem: bytes) -> Ed25519PublicKey:
    """Parse a PEM public key; raises ``ValueError`` when it is not a readable Ed25519 key."""
    try:
        key = serialization.load_pem_public_key(public_pem)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ValueError(f"unreadable public key ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the public key is not an Ed25519 key")
    return key


def verify(public_pem: bytes, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` is a valid signature of ``data`` by the key in ``public_pem``."""
    try:
        load_public_key(public_pem).verify(signature, data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
