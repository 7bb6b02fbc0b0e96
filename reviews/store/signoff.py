"""Store writes for sign-off: the steward's documentation, the officer's password check, the
signed verdict (with the exact report bytes it covers) and evidence-bundle exports."""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from reviews.audit.hashing import canonical_json
from reviews.errors import AuthenticationFailed, Conflict
from reviews.store.base import DUPLICATE_SECONDS, StoreBase, as_utc, now, retried
from reviews.workspace import artifacts, signing
from reviews.workspace.passwords import password_matches
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import signoff_documentation, signoffs, users
from synth.i18n import N_, Msg

REAUTH_SECONDS = 300  # how long a typed password stays good for one signature
_TOKENS_LOCK = threading.Lock()

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
    reauth_token: str = ""  # from ``reauthenticate``: proof the officer typed their password just now


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
        """Re-authentication before signing; returns the stored role. A wrong password is audited
        and refused."""
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

    def reauthenticate(self, actor: Actor, password: str, dataset_id: int) -> tuple[str, str]:
        """Check the password again before signing; returns the stored role and a one-use token
        that ``record_signoff`` requires for this officer and dataset within a few minutes."""
        role = self.confirm_password(actor, password, dataset_id)
        token = secrets.token_urlsafe(32)
        tokens = self.__dict__.setdefault("_reauth_tokens", {})
        with _TOKENS_LOCK:
            horizon = time.monotonic()
            for key in [k for k, (_, _, until) in tokens.items() if until < horizon]:
                del tokens[key]
            tokens[token] = (actor.username, dataset_id, horizon + REAUTH_SECONDS)
        return role, token

    def _take_reauth_token(self, actor: Actor, dataset_id: int, token: str) -> tuple | None:
        with _TOKENS_LOCK:
            entry = self.__dict__.get("_reauth_tokens", {}).pop(token, None) if token else None
        if entry is None or entry[:2] != (actor.username, dataset_id) or entry[2] < time.monotonic():
            raise AuthenticationFailed(
                N_("Signing needs your password again, typed just now; nothing was signed.")
            )
        return entry

    def _give_back_reauth_token(self, token: str, entry: tuple) -> None:
        # A write that failed (or lost a race and will be retried) signed nothing: the token stays good.
        with _TOKENS_LOCK:
            self.__dict__.setdefault("_reauth_tokens", {})[token] = entry

    def _recheck_signoff(self, actor: Actor, new: NewSignoff) -> None:
        # The store does not trust whoever called it: the four-eyes rule, the checklist the
        # record claims and the overrides it needs are all established again here. Imported
        # here because the sign-off rules themselves read through the store.
        from reviews.signoff.checklist import checklist_for
        from reviews.signoff.four_eyes import check_four_eyes
        from reviews.signoff.records import APPROVALS, VERDICTS

        if new.verdict not in VERDICTS:
            raise Conflict(Msg("Unknown verdict {verdict!r}.", verdict=new.verdict))
        check_four_eyes(self, actor, new.dataset_id)
        try:
            record = json.loads(new.record_text)
        except ValueError as exc:
            raise Conflict(N_("The sign-off record is not valid JSON; nothing was signed.")) from exc
        public_pem = signing.public_key_pem()
        if not signing.verify(public_pem, new.record_text.encode("utf-8"), bytes.fromhex(new.signature_hex)):
            raise Conflict(
                N_("The sign-off record is not signed by this workspace's key; nothing was signed.")
            )
        checklist = checklist_for(self, actor, new.dataset_id)
        claimed = (
            record.get("dataset", {}).get("id"),
            record.get("verdict"),
            record.get("officer"),
            record.get("evaluation_id"),
            canonical_json(record.get("checklist")),
        )
        actual = (
            new.dataset_id,
            new.verdict,
            actor.username,
            checklist.evaluation_id,
            canonical_json(json.loads(canonical_json(checklist.to_dict()))),
        )
        if claimed != actual or new.evaluation_id != checklist.evaluation_id:
            raise Conflict(
                N_(
                    "The sign-off record does not match the dataset's checklist as it stands; "
                    "reload and sign again."
                )
            )
        if new.verdict in APPROVALS:
            blocking = sorted(i.key for i in checklist.blocking)
            if blocking and (
                sorted(new.overridden) != blocking or len((new.override_justification or "").strip()) < 10
            ):
                raise Conflict(
                    N_(
                        "Approval is blocked by checklist items that were not overridden "
                        "with a justification."
                    )
                )
            if checklist.evaluation_id is None:
                raise Conflict(N_("Approval needs an evaluation of the dataset."))

    def _same_signoff(self, actor: Actor, new: NewSignoff) -> int | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(
                    signoffs.c.id,
                    signoffs.c.verdict,
                    signoffs.c.comment,
                    signoffs.c.officer,
                    signoffs.c.signed_at,
                )
                .where(signoffs.c.dataset_id == new.dataset_id)
                .order_by(signoffs.c.id.desc())
                .limit(1)
            ).first()
        if row is None or (row.officer, row.verdict, row.comment) != (
            actor.username,
            new.verdict,
            new.comment,
        ):
            return None
        recent = as_utc(row.signed_at) >= now() - timedelta(seconds=DUPLICATE_SECONDS)
        return int(row.id) if recent else None

    @retried
    def record_signoff(self, actor: Actor, new: NewSignoff) -> int:
        """Keep a signed verdict, and the report bytes it covers, together with its audit event.

        Re-checks its own preconditions first: a fresh password token, the four-eyes rule, and
        that the record's checklist, verdict and overrides hold for the dataset as stored now.
        """
        require(actor, "sign_off")
        if (first := self._same_signoff(actor, new)) is not None:
            return first  # a double click on Sign: the first signature stands, once
        entry = self._take_reauth_token(actor, new.dataset_id, new.reauth_token)
        try:
            self._recheck_signoff(actor, new)
            return self._keep_signoff(actor, new)
        except BaseException:
            self._give_back_reauth_token(new.reauth_token, entry)
            raise

    def _keep_signoff(self, actor: Actor, new: NewSignoff) -> int:
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
