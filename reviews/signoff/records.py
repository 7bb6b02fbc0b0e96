"""Read-only views of sign-off records, and checking their signatures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from reviews.queries import signoffs as signoff_queries
from reviews.queries.rows import newest_row, row_by_id
from reviews.store import Store
from reviews.workspace.schema import signoffs
from reviews.workspace.signing import verify
from synth.i18n import N_

APPROVE, APPROVE_WITH_CONDITIONS, REJECT = "approve", "approve_with_conditions", "reject"
VERDICTS = (APPROVE, APPROVE_WITH_CONDITIONS, REJECT)
APPROVALS = (APPROVE, APPROVE_WITH_CONDITIONS)


@dataclass(frozen=True)
class SignoffRecord:
    """One signed verdict as stored; ``record_text`` holds exactly the bytes that were signed."""

    id: int
    dataset_id: int
    verdict: str
    comment: str
    override_justification: str | None
    evaluation_id: int | None
    dataset_sha256: str
    report_sha256: str | None
    report_path: str | None
    record_text: str
    signature: str
    public_key: str
    key_fingerprint: str
    officer: str
    signed_at: datetime

    @property
    def approved(self) -> bool:
        return self.verdict in APPROVALS

    @property
    def record(self) -> dict:
        return json.loads(self.record_text)

    def signature_valid(self) -> bool:
        """True when the stored signature matches the stored record under the stored public key."""
        return verify_record(self.public_key.encode(), self.record_text.encode("utf-8"), self.signature)


def verify_record(public_pem: bytes, record_bytes: bytes, signature_hex: str) -> bool:
    """Check a sign-off record's hex signature; False on any malformed input."""
    try:
        signature = bytes.fromhex(signature_hex)
    except ValueError:
        return False
    return verify(public_pem, record_bytes, signature)


def _record(row) -> SignoffRecord:
    return SignoffRecord(
        id=row["id"],
        dataset_id=row["dataset_id"],
        verdict=row["verdict"],
        comment=row["comment"],
        override_justification=row["override_justification"],
        evaluation_id=row["evaluation_id"],
        dataset_sha256=row["dataset_sha256"],
        report_sha256=row["report_sha256"],
        report_path=row["report_path"],
        record_text=row["record"],
        signature=row["signature"],
        public_key=row["public_key"],
        key_fingerprint=row["key_fingerprint"],
        officer=row["officer"],
        signed_at=row["signed_at"],
    )


def signoff_for(store: Store, dataset_id: int) -> SignoffRecord | None:
    """The newest sign-off of a dataset (the one that counts), or None."""
    row = newest_row(store.engine, signoffs, "dataset_id", dataset_id)
    return None if row is None else _record(row)


def get_signoff(store: Store, signoff_id: int) -> SignoffRecord:
    return _record(row_by_id(store.engine, signoffs, signoff_id, N_("sign-off")))


def list_signoffs(store: Store, dataset_id: int | None = None) -> list[SignoffRecord]:
    """Every sign-off, newest first, optionally of one dataset (earlier verdicts stay on record)."""
    return [_record(row) for row in signoff_queries.signoff_rows(store, dataset_id)]


def report_bytes(store: Store, signoff: SignoffRecord) -> bytes | None:
    """The exact evaluation report the sign-off covers (kept as an artifact when signing)."""
    if signoff.report_path is None:
        return None
    return (store.artifact_root / signoff.report_path).read_bytes()
