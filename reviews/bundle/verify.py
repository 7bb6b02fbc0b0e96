"""Check an evidence bundle on its own: every file against the manifest, the manifest's and the
sign-off record's signatures, and what the record says against the files.

Needs nothing from the workspace, so anyone holding the ZIP and the workspace's public key
from a trusted channel (``trusted_public_key``) can run it. A bundle's own key proves only that
nothing changed since someone signed it; who signed it is proven by the trusted key.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reviews.audit.hashing import event_hash
from reviews.bundle.build import (
    AUDIT,
    MANIFEST,
    MANIFEST_SIG,
    PARQUET,
    PUBLIC_KEY,
    RECORD,
    RECORD_SIG,
    REPORT,
)
from reviews.bundle.safe_zip import read_members
from reviews.signoff.records import APPROVALS
from reviews.workspace.signing import fingerprint, verify
from synth.intake.parquet_source import parquet_source
from synth.lineage.record import frame_sha256

REQUIRED = (MANIFEST, MANIFEST_SIG, PUBLIC_KEY, RECORD, RECORD_SIG)


@dataclass(frozen=True)
class BundleReport:
    """Outcome of a check: ``ok`` exactly when ``problems`` is empty."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    record: dict | None = None
    fingerprint: str | None = None  # sha256 of the key that signed the bundle, when readable
    trust: str = ""  # what vouched for that key: "trusted key" or "embedded key (integrity only)"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(source: bytes | str | Path) -> tuple[dict[str, bytes], list[str]]:
    try:
        return read_members(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        return {}, [f"not a readable ZIP file ({exc})"]


def _check_files(members: dict[str, bytes], manifest: dict) -> list[str]:
    listed = manifest.get("files") or {}
    problems = [f"{name} is listed in the manifest but missing" for name in listed if name not in members]
    problems += [
        f"{name} was changed (its sha256 differs from the manifest)"
        for name, digest in listed.items()
        if name in members and _sha(members[name]) != digest
    ]
    problems += [
        f"{name} is not listed in the manifest"
        for name in members
        if name not in listed and name not in (MANIFEST, MANIFEST_SIG)
    ]
    return problems


def _check_record(members: dict[str, bytes], record: dict, public_pem: bytes) -> list[str]:
    problems = []
    if record.get("verdict") not in APPROVALS:
        problems.append(f"the sign-off verdict is {record.get('verdict')!r}, not an approval")
    if record.get("key_fingerprint") != fingerprint(public_pem):
        problems.append("the sign-off record names a different signing key than keys/public_key.pem")
    if REPORT in members and record.get("report_sha256") != _sha(members[REPORT]):
        problems.append(f"{REPORT} is not the report the officer signed")
    if PARQUET in members:
        try:
            rows = frame_sha256(pd.read_parquet(parquet_source(members[PARQUET])))
        except Exception as exc:  # any unreadable Parquet is a finding, not a crash
            problems.append(f"{PARQUET} cannot be read ({type(exc).__name__})")
        else:
            if rows != (record.get("dataset") or {}).get("rows_sha256"):
                problems.append(f"{PARQUET} does not hold the rows the officer signed")
    return problems


def _check_audit(members: dict[str, bytes]) -> list[str]:
    problems = []
    for number, line in enumerate(members.get(AUDIT, b"").decode("utf-8", "replace").splitlines(), start=1):
        try:
            e = json.loads(line)
            fields = (e["prev_hash"], e["seq"], e["time"], e["actor"], e["action"], e["object"], e["payload"])
            good = event_hash(*fields) == e["hash"]
        except (ValueError, KeyError, TypeError):
            good = False
        if not good:
            problems.append(f"{AUDIT} line {number} does not match its hash")
    return problems


def _trust_problems(signer: str, trusted_public_key: bytes | None, trust_embedded_key: bool) -> list[str]:
    if trusted_public_key is None:
        if trust_embedded_key:
            return []
        return [
            f"no trusted key to check the signer against: the bundle is signed by key sha256:{signer}; "
            "pass --public-key KEY.pem (or --trust-embedded-key, which proves integrity only, not origin)"
        ]
    try:
        trusted = fingerprint(trusted_public_key)
    except ValueError:
        return ["the trusted public key is not a readable Ed25519 public key"]
    if trusted != signer:
        return [f"signed by key sha256:{signer}, not by the trusted key sha256:{trusted}"]
    return []


def verify_bundle(
    source: bytes | str | Path,
    trusted_public_key: bytes | None = None,
    *,
    trust_embedded_key: bool = False,
) -> BundleReport:
    """Check a bundle given as bytes or a path; every failed check is named in ``problems``.

    The signer must be ``trusted_public_key``; with none, the bundle fails unless
    ``trust_embedded_key`` accepts the bundle's own key, which proves integrity, not origin.
    A hostile ZIP raises ``UnsafeBundle`` before anything is decompressed past its limits.
    """
    members, problems = _read(source)
    if not members:
        return BundleReport(False, problems or ["the bundle is empty"])
    absent = [name for name in REQUIRED if name not in members]
    if absent:
        return BundleReport(False, problems + [f"{name} is missing" for name in absent])
    public_pem = members[PUBLIC_KEY]
    try:
        signer = fingerprint(public_pem)
    except ValueError:
        return BundleReport(False, problems + [f"{PUBLIC_KEY} is not a readable Ed25519 public key"])
    problems += _trust_problems(signer, trusted_public_key, trust_embedded_key)
    trust = "trusted key" if trusted_public_key is not None else "embedded key (integrity only)"
    if not verify(public_pem, members[MANIFEST], members[MANIFEST_SIG]):
        problems.append(f"{MANIFEST_SIG} is not a valid signature of {MANIFEST}")
    if not verify(public_pem, members[RECORD], members[RECORD_SIG]):
        problems.append(f"{RECORD_SIG} is not a valid signature of {RECORD}")
    try:
        manifest = json.loads(members[MANIFEST])
        record = json.loads(members[RECORD])
        if not isinstance(manifest, dict) or not isinstance(record, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError):
        return BundleReport(
            False, problems + [f"{MANIFEST} or {RECORD} is not valid JSON"], fingerprint=signer
        )
    problems += _check_files(members, manifest)
    problems += _check_record(members, record, public_pem)
    problems += _check_audit(members)
    return BundleReport(not problems, problems, len(members), record, signer, trust)
