"""The workspace signing key: created once, private, and its signatures check out."""

from __future__ import annotations

import stat

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from reviews.workspace import signing


def test_key_is_created_once_with_private_file_mode(tmp_path):
    path = signing.key_path(tmp_path)
    assert not path.exists()
    first = signing.public_key_pem(tmp_path)
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert signing.public_key_pem(tmp_path) == first  # reused, not regenerated
    assert b"PRIVATE" not in first and isinstance(load_pem_public_key(first), Ed25519PublicKey)


def test_home_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(tmp_path / "ws"))
    signing.public_key_pem()
    assert (tmp_path / "ws" / "keys" / "signing-ed25519.pem").is_file()


def test_signature_verifies_and_fails_after_an_edit(tmp_path):
    record = b'{"verdict":"approve","dataset":5}'
    signature = signing.sign(record, tmp_path)
    public = signing.public_key_pem(tmp_path)
    assert len(signature) == 64 and signing.verify(public, record, signature)
    # Oracle: the cryptography library's own verifier accepts it too.
    load_pem_public_key(public).verify(signature, record)
    assert not signing.verify(public, record.replace(b"approve", b"reject!"), signature)
    assert not signing.verify(public, record, bytes([signature[0] ^ 1]) + signature[1:])
    assert signing.sign(record, tmp_path) == signature  # Ed25519 is deterministic (RFC 8032)


def test_another_key_and_garbage_do_not_verify(tmp_path):
    record = b"x"
    signature = signing.sign(record, tmp_path / "a")
    assert not signing.verify(signing.public_key_pem(tmp_path / "b"), record, signature)
    assert not signing.verify(b"not a key", record, signature)
    fingerprints = {signing.fingerprint(signing.public_key_pem(tmp_path / name)) for name in ("a", "b")}
    assert len(fingerprints) == 2
