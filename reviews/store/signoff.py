"""Store writes for sign-off: the steward's documentation, the officer's password check, the
signed verdict (with the exact report bytes it covers) and evidence-bundle exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from reviews.errors import AuthenticationFailed
from reviews.store.base import StoreBase, now, retried
from reviews.workspace import artifacts
from reviews.workspace.passwords import password_matches
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import signoff_documentation, signoffs, users
from synth.i18n import N_

# Who writes the documentation: the people who prepare data (stewards, admins).
DOCUMENT_PERMISSION = "generate"


@dataclass(frozen=True)
class NewSignoff:
    """A verdict ready to keep: the signed record text, its signature and what it covers."""

    dataset_id: int
    verdict: str
    comment: str
    override_justification: str | None
    overridden: list[str]
    evaluation_id: int | None
    dataset_sha256: str
    report_sha256: str | None
    report_bytes: bytes | None
    record_text: str
    signature_hex: str
    public_key_pem: str
    key_fingerprint: str
    signed_at: datetime
    record_sha256: str = ""


class SignoffWrites(StoreBase):
    @retried
    def save_documentation(
        self, actor: Actor, dataset_id: int, fields: dict[str, str], changed: list[str]
    ) -> int:
        """Keep the whole set of documentation fields as a new version (older ones stay)."""
        require(actor, DOCUMENT_PERMISSION)
        with self._transaction() as conn:
            row_id = conn.execute(
                insert(signoff_documentation).values(
                    dataset_id=dataset_id,
                    fields=dict(fields),
                    written_by=actor.username,
                    written_at=now(),
                )
            ).inserted_primary_key[0]
            self._append_event(
                conn,
                actor.username,
                "signoff.documentation",
                f"dataset:{dataset_id}",
                {"version": row_id, "changed": {key: fields.get(key, "") for key in changed}},
            )
        return int(row_id)

    @retried
    def confirm_password(self, actor: Actor, password: str, dataset_id: int) -> str:
        """Re-authentication before signing; returns the stored role. A wrong password is audited and refused."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.password_hash, users.c.active, users.c.role).where(
                    users.c.username == actor.username
                )
            ).one_or_none()
        if row is None or not row.active or not password_matches(row.password_hash, password or ""):
            with self._transaction() as conn:
                self._append_event(conn, actor.username, "signoff.reauth_failed", f"dataset:{dataset_id}")
            raise AuthenticationFailed(
                N_(
                    "The password is wrong: signing needs your own password again. "
                    "The failed attempt was recorded in the audit log."
                )
            )
        return row.role

    @retried
    def record_signoff(self, actor: Actor, new: NewSignoff) -> int:
        """Keep a signed verdict, and the report bytes it covers, together with its audit event."""
        require(actor, "sign_off")
        report_path, created = None, False
        if new.report_bytes is not None:
            report_path = f"reports/{new.report_sha256}.html"
            created = artifacts.write_atomic(self.artifact_root / report_path, new.report_bytes)
        try:
            return self._insert_signoff(actor, new, report_path)
        except BaseException:
            if created:  # a report file nobody refers to would be clutter
                (self.artifact_root / report_path).unlink(missing_ok=True)
            raise

    def _insert_signoff(self, actor: Actor, new: NewSignoff, report_path: str | None) -> int:
        with self._transaction() as conn:
            signoff_id = conn.execute(
                insert(signoffs).values(
                    dataset_id=new.dataset_id,
                    verdict=new.verdict,
                    comment=new.comment,
                    override_justification=new.override_justification,
                    evaluation_id=new.evaluation_id,
                    dataset_sha256=new.dataset_sha256,
                    report_sha256=new.report_sha256,
                    report_path=report_path,
                    record=new.record_text,
                    signature=new.signature_hex,
                    public_key=new.public_key_pem,
                    key_fingerprint=new.key_fingerprint,
                    officer=actor.username,
                    signed_at=new.signed_at,
                )
            ).inserted_primary_key[0]
            self._append_event(
                conn,
                actor.username,
                f"signoff.{new.verdict}",
                f"dataset:{new.dataset_id}",
                {
                    "signoff_id": signoff_id,
                    "verdict": new.verdict,
                    "comment": new.comment,
                    "override_justification": new.override_justification,
                    "overridden": list(new.overridden),
                    "dataset_sha256": new.dataset_sha256,
                    "report_sha256": new.report_sha256,
                    "record_sha256": new.record_sha256,
                    "key_fingerprint": new.key_fingerprint,
                    "evaluation_id": new.evaluation_id,
                    "reauthenticated": True,
                },
            )
        return int(signoff_id)

    @retried
    def record_export(
        self, actor: Actor, dataset_id: int, signoff_id: int, bundle_sha256: str, size: int, files: list[str]
    ) -> int:
        """Record that an evidence bundle of an approved dataset left the workspace."""
        require(actor, "export")
        with self._transaction() as conn:
            return self._append_event(
                conn,
                actor.username,
                "bundle.export",
                f"dataset:{dataset_id}",
                {
                    "signoff_id": signoff_id,
                    "bundle_sha256": bundle_sha256,
                    "bytes": size,
                    "files": list(files),
                },
            )
