"""Signing off: the officer approves, approves with conditions, or rejects, and the verdict is
kept as a record signed with the workspace's Ed25519 key.

Rules, checked in this order: the role may sign off; the four-eyes rule; a rejection needs a
comment saying why and an approval with conditions needs the conditions; approval is
impossible while a checklist item fails or lacks evidence, unless the officer overrides it
with a written justification; approval needs an evaluation (the record covers its report);
and the officer types their password again (a wrong one is audited and refused).

The evaluation report's HTML is not byte-stable across renders (plotly gives its charts
random ids), so the report is rendered once, at signing, and its bytes are kept as an
artifact; the record holds their sha256 and the bundle embeds exactly those bytes.
"""

from __future__ import annotations

from reviews import queries
from reviews.audit.anchor import head_anchor, write_checkpoint_quietly
from reviews.audit.hashing import canonical_json
from reviews.errors import PermissionDenied, ReviewsError, SignoffBlocked
from reviews.queries.evaluations import get_evaluation
from reviews.signoff.checklist import Checklist, checklist_for
from reviews.signoff.documentation import documentation_for
from reviews.signoff.four_eyes import check_four_eyes
from reviews.signoff.records import APPROVE_WITH_CONDITIONS, REJECT, VERDICTS
from reviews.store import Store
from reviews.store.base import now
from reviews.store.signoff import NewSignoff
from reviews.workspace import artifacts, signing
from reviews.workspace.permissions import Actor, require
from synth.i18n import N_, Msg, joined, word
from synth.lineage.record import frame_sha256
from synth.metrics.report_html import render_html

RECORD_FORMAT = "synthreview.signoff/1"
MIN_TEXT = 10


def blocking_message(checklist: Checklist) -> str:
    items = joined(
        Msg("{title} ({status})", title=word(i.title), status=word(i.status)) for i in checklist.blocking
    )
    return Msg(
        "Approval is blocked by: {items}. Fix them first, or override with a written justification "
        "(at least {n} characters); the override is recorded.",
        items=items,
        n=MIN_TEXT,
    )


def _check_texts(verdict: str, comment: str, justification: str | None, checklist: Checklist) -> list[str]:
    if verdict not in VERDICTS:
        raise ReviewsError(
            Msg(
                "Unknown verdict {verdict!r}; choose one of {choices}.",
                verdict=verdict,
                choices=", ".join(VERDICTS),
            )
        )
    if verdict == REJECT:
        if len(comment) < MIN_TEXT:
            raise ReviewsError(
                Msg("A rejection needs a comment saying why (at least {n} characters).", n=MIN_TEXT)
            )
        return []
    if verdict == APPROVE_WITH_CONDITIONS and len(comment) < MIN_TEXT:
        raise ReviewsError(Msg("Write the conditions in the comment (at least {n} characters).", n=MIN_TEXT))
    overridden = [i.key for i in checklist.blocking]
    if overridden and len(justification or "") < MIN_TEXT:
        raise SignoffBlocked(blocking_message(checklist))
    if checklist.evaluation_id is None:
        raise ReviewsError(
            N_(
                "Approval needs an evaluation, since the signed record covers its report; "
                "evaluate the dataset first."
            )
        )
    return overridden


def sign(
    store: Store,
    actor: Actor,
    dataset_id: int,
    password: str,
    verdict: str,
    comment: str = "",
    override_justification: str | None = None,
) -> int:
    """Check the rules, re-authenticate, sign the record and keep it; returns the sign-off id."""
    require(actor, "sign_off")
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real":
        raise ReviewsError(N_("Sign-off applies to synthetic or accepted datasets; pick one of those."))
    check_four_eyes(store, actor, dataset_id)
    checklist = checklist_for(store, actor, dataset_id)
    comment = (comment or "").strip()
    justification = (override_justification or "").strip() or None
    overridden = _check_texts(verdict, comment, justification, checklist)
    stored_role, reauth_token = store.reauthenticate(actor, password, dataset_id)
    if not Actor(actor.username, stored_role).can("sign_off"):
        raise PermissionDenied(
            Msg("{user}'s account no longer has the officer role; ask an admin.", user=actor.username)
        )

    report = None
    if checklist.evaluation_id is not None:
        evaluation = get_evaluation(store, checklist.evaluation_id)
        report = render_html(
            evaluation["result"],
            title=f"Evaluation {evaluation['id']} of {dataset.name} (dataset {dataset.id})",
        ).encode("utf-8")
    report_sha = artifacts.sha256_hex(report) if report is not None else None
    public_pem = signing.public_key_pem()
    key_fingerprint = signing.fingerprint(public_pem)
    signed_at = now()
    record = {
        "format": RECORD_FORMAT,
        "dataset": {
            "id": dataset.id,
            "name": dataset.name,
            "kind": dataset.kind,
            "purpose": dataset.purpose,
            "depth": dataset.depth,
            "parent_id": dataset.parent_id,
            "rows": dataset.rows,
            "columns": dataset.columns,
            "sha256": dataset.sha256,
            "rows_sha256": frame_sha256(queries.load_frame(store, dataset.id)),
        },
        "evaluation_id": checklist.evaluation_id,
        "report_sha256": report_sha,
        "checklist": checklist.to_dict(),
        "documentation": documentation_for(store, dataset.id).values(),
        "verdict": verdict,
        "comment": comment,
        "override_justification": justification,
        "overridden": overridden,
        "officer": actor.username,
        "signed_at": signed_at.isoformat(timespec="microseconds"),
        "key_fingerprint": key_fingerprint,
        # The chain's head just before this sign-off: the signed record anchors the audit log.
        "audit_head": head_anchor(store.engine),
    }
    record_text = canonical_json(record)
    record_bytes = record_text.encode("utf-8")
    signoff_id = store.record_signoff(
        actor,
        NewSignoff(
            dataset_id=dataset.id,
            verdict=verdict,
            comment=comment,
            override_justification=justification,
            overridden=overridden,
            evaluation_id=checklist.evaluation_id,
            dataset_sha256=dataset.sha256,
            report_sha256=report_sha,
            report_bytes=report,
            record_text=record_text,
            signature_hex=signing.sign(record_bytes).hex(),
            public_key_pem=public_pem.decode("ascii"),
            key_fingerprint=key_fingerprint,
            signed_at=signed_at,
            record_sha256=artifacts.sha256_hex(record_bytes),
            reauth_token=reauth_token,
        ),
    )
    write_checkpoint_quietly(store.engine)
    return signoff_id
