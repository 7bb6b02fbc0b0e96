"""Which key ``verify-bundle`` trusts: ``--public-key``, else the workspace's, else none; a bundle
re-signed with another key fails and names that key's fingerprint."""

from __future__ import annotations

import json

import pytest

from reviews.bundle import build_bundle, verify_bundle, zip_bytes
from reviews.bundle.build import MANIFEST, MANIFEST_SIG, PUBLIC_KEY, RECORD, RECORD_SIG
from reviews.bundle.verify import _sha
from reviews.cli import COMMANDS, main
from reviews.signoff import APPROVE, sign
from reviews.workspace.signing import fingerprint, public_key_pem
from reviews.workspace.signing import sign as sign_bytes
from tests.reviews.bundle.test_bundle import _members
from tests.support.signoff_flow import OFFICER, PASSWORD, STEWARD, accepted_flow

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _cli(*argv: str) -> int:
    return main(list(argv), commands=COMMANDS)


@pytest.fixture
def bundle(store, tmp_path):
    flow = accepted_flow(store)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    path = tmp_path / "bundle.zip"
    path.write_bytes(build_bundle(store, STEWARD, flow.accepted_id))
    return path


def _forged(path, tmp_path):
    """The bundle with the officer changed to mallory, re-signed by a fresh key in another home."""
    other = tmp_path / "mallory-home"
    members = _members(path.read_bytes())
    record = json.loads(members[RECORD])
    record["officer"] = "mallory"
    pem = public_key_pem(other)
    record["key_fingerprint"] = fingerprint(pem)
    members[RECORD] = json.dumps(record, sort_keys=True).encode()
    members[RECORD_SIG] = sign_bytes(members[RECORD], other)
    members[PUBLIC_KEY] = pem
    manifest = json.loads(members[MANIFEST])
    manifest["files"] = {name: _sha(members[name]) for name in manifest["files"]}
    members[MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    members[MANIFEST_SIG] = sign_bytes(members[MANIFEST], other)
    forged = tmp_path / "forged.zip"
    forged.write_bytes(zip_bytes(members))
    return forged, fingerprint(pem)


def test_the_workspace_key_is_trusted_and_a_resigned_bundle_fails_naming_its_key(bundle, tmp_path, capsys):
    ours = fingerprint(public_key_pem())
    assert _cli("verify-bundle", str(bundle)) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK") and f"sha256:{ours}" in out

    forged, theirs = _forged(bundle, tmp_path)
    # Integrity alone holds for the forgery: it is consistent with the key inside it...
    assert verify_bundle(forged, trust_embedded_key=True).ok
    # ...but neither the workspace's key nor a published key vouches for it.
    assert _cli("verify-bundle", str(forged)) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and f"sha256:{theirs}" in out and f"sha256:{ours}" in out
    published = tmp_path / "published.pem"
    published.write_bytes(public_key_pem())
    assert _cli("verify-bundle", str(forged), "--public-key", str(published)) == 1
    assert _cli("verify-bundle", str(bundle), "--public-key", str(published)) == 0
    capsys.readouterr()

    assert _cli("verify-bundle", str(forged), "--trust-embedded-key") == 0
    out = capsys.readouterr().out
    assert f"sha256:{theirs}" in out and "integrity only, not origin" in out


def test_without_any_trusted_key_the_bundle_fails(bundle, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SYNTHREVIEW_HOME", str(tmp_path / "empty-home"))
    assert _cli("verify-bundle", str(bundle)) == 1
    out = capsys.readouterr().out
    assert "no trusted key" in out and "--public-key" in out
    assert not (tmp_path / "empty-home").exists()  # checking never creates a key


def test_key_show_prints_the_key_and_its_fingerprint(store, tmp_path, capsys):
    assert _cli("key", "show") == 0
    out = capsys.readouterr().out
    assert f"fingerprint sha256:{fingerprint(public_key_pem())}" in out
    assert _cli("key", "show", "--pem") == 0
    pem = capsys.readouterr().out.encode()
    assert pem == public_key_pem()
