"""The evidence bundle: round trip, tamper detection in every file, reproducible bytes, and
what the files carry."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pandas as pd
import pyarrow.parquet as pq
import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.audit.hashing import event_hash
from reviews.bundle import build_bundle, export_view, verify_bundle, zip_bytes
from reviews.bundle.build import AUDIT, CARD_JSON, CSV, MANIFEST, PARQUET, PUBLIC_KEY, RECORD, REPORT
from reviews.signoff import APPROVE, sign
from reviews.workspace.signing import public_key_pem
from tests.support.signoff_flow import (
    OFFICER,
    PASSWORD,
    R1,
    STEWARD,
    accepted_flow,
)

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _stored_zip(members: dict[str, bytes]) -> bytes:
    # Uncompressed, to keep the many re-zips of the tamper loop quick; the verifier reads either.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def approved(store):
    flow = accepted_flow(store)
    view = export_view(store, STEWARD, flow.accepted_id)
    assert not view.exportable and "not been signed off" in view.reason
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Meets every gate.")
    return flow


def test_round_trip_and_one_changed_byte_in_any_file(store, approved):
    data = build_bundle(store, STEWARD, approved.accepted_id)
    report = verify_bundle(data, trusted_public_key=public_key_pem())
    assert report.ok, report.problems
    members = _members(data)
    expected = {
        CSV,
        PARQUET,
        CARD_JSON,
        REPORT,
        AUDIT,
        RECORD,
        MANIFEST,
        PUBLIC_KEY,
        "manifest.sig",
        "signoff/record.sig",
    }
    assert expected <= set(members)
    trusted = public_key_pem()
    assert verify_bundle(_stored_zip(members), trusted).ok
    for name, content in members.items():
        for position in (0, len(content) // 2, len(content) - 1):
            changed = bytearray(content)
            changed[position] ^= 0x01
            tampered = _stored_zip({**members, name: bytes(changed)})
            outcome = verify_bundle(tampered, trusted)
            assert not outcome.ok, f"a changed byte {position} in {name} went unnoticed"
            assert outcome.problems
    dropped = verify_bundle(zip_bytes({k: v for k, v in members.items() if k != CSV}), trusted)
    assert any(CSV in p and "missing" in p for p in dropped.problems)
    assert not verify_bundle(b"not a zip").ok


def test_bundle_is_reproducible_audited_and_carries_the_evidence(store, approved):
    first = build_bundle(store, STEWARD, approved.accepted_id)
    assert build_bundle(store, STEWARD, approved.accepted_id) == first
    view = export_view(store, STEWARD, approved.accepted_id)
    assert view.exportable and len(view.exports) == 2
    assert view.exports[0]["bundle_sha256"] == hashlib.sha256(first).hexdigest()
    assert not export_view(store, R1, approved.accepted_id).exportable
    assert verify_chain(store.engine).ok

    members = _members(first)
    dataset = queries.get_dataset(store, approved.accepted_id)
    stored = queries.load_frame(store, approved.accepted_id)

    parquet = pq.read_table(io.BytesIO(members[PARQUET]))
    metadata = parquet.schema.metadata
    assert metadata[b"synthetic"] == b"true" and metadata[b"purpose"] == b"privacy"
    assert json.loads(metadata[b"allowed_stages"]) == ["fine-tuning", "evaluation", "testing"]
    assert json.loads(metadata[b"lineage"])["depth"] == 1
    pd.testing.assert_frame_equal(parquet.to_pandas(), stored)
    assert pd.read_csv(io.BytesIO(members[CSV])).shape == stored.shape

    record = json.loads(members[RECORD])
    assert record["report_sha256"] == hashlib.sha256(members[REPORT]).hexdigest()
    assert members[REPORT].startswith(b"<!DOCTYPE html>")

    card = json.loads(members[CARD_JSON])
    assert card["purpose"] == "privacy" and card["generator"] == "rules" and card["synthetic"] is True
    assert card["lineage"]["depth"] == 1 and card["signoff"]["verdict"] == "approve"
    assert card["metrics"]["fidelity_overall"] is not None and card["limitations"]
    assert "# Data card" in members["datacard.md"].decode()

    events = [json.loads(line) for line in members[AUDIT].decode().splitlines()]
    objects = {e["object"] for e in events}
    assert {
        f"dataset:{dataset.id}",
        f"dataset:{approved.synthetic_id}",
        f"dataset:{approved.real_id}",
        f"round:{approved.round_id}",
        f"inspection:{approved.inspection_id}",
    } <= objects
    assert events[-1]["action"] == "signoff.approve"  # the excerpt stops at the sign-off
    for e in events:  # each event's hash recomputes, the audit module being the oracle
        assert (
            event_hash(
                e["prev_hash"], e["seq"], e["time"], e["actor"], e["action"], e["object"], e["payload"]
            )
            == e["hash"]
        )


def test_bundle_and_record_carry_the_audit_head(store, approved):
    from reviews.audit.anchor import compare_with_anchors

    members = _members(build_bundle(store, STEWARD, approved.accepted_id))
    manifest, record = json.loads(members[MANIFEST]), json.loads(members[RECORD])
    signoff_event = max(json.loads(line)["seq"] for line in members[AUDIT].decode().splitlines())
    assert manifest["audit_head"]["seq"] == signoff_event
    assert record["audit_head"]["seq"] == signoff_event - 1  # the head just before the sign-off
    report = compare_with_anchors(
        store.engine, [("manifest", manifest["audit_head"]), ("record", record["audit_head"])]
    )
    assert report.ok, report.problems
