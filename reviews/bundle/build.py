"""The evidence bundle of an approved dataset: one ZIP a third party can check on its own.

Contents::

    data/rows.csv           the rows, spreadsheet-safe (see ``synth.csv_safety``)
    data/rows.parquet       the rows, with key-value metadata: synthetic, purpose, allowed_stages, lineage
    datacard.json / .md     purpose, generator, lineage, stages, metrics, limitations, sign-off
    report/evaluation.html  the evaluation report, exactly the bytes the sign-off covers
    audit/excerpt.jsonl     this dataset's audit events (its lineage, rounds, tasks, inspections)
                            up to the sign-off, each with its hashes
    signoff/record.json     the signed sign-off record, byte for byte
    signoff/record.sig      its raw 64-byte Ed25519 signature
    keys/public_key.pem     the workspace's public key (the private key never leaves the home folder)
    manifest.json           sha256 of every file above
    manifest.sig            Ed25519 signature of manifest.json

The ZIP is byte-for-byte reproducible for the same sign-off: members are written in a fixed
order with a fixed timestamp and mode, nothing depends on the time of export, the audit
excerpt stops at the sign-off event, and Ed25519 signatures are deterministic.
"""

from __future__ import annotations

import io
import json
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq

from reviews import queries
from reviews.audit.anchor import write_checkpoint_quietly
from reviews.bundle.datacard import build_datacard, datacard_json, datacard_markdown
from reviews.errors import NotApproved, ReviewsError
from reviews.queries import audit as audit_queries
from reviews.queries import datasets as dataset_queries
from reviews.queries import inspections as inspection_queries
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import get_evaluation
from reviews.signoff.records import SignoffRecord, report_bytes, signoff_for
from reviews.store import Store
from reviews.workspace import artifacts, signing
from reviews.workspace.permissions import Actor, require
from synth.csv_safety import safe_csv_bytes
from synth.i18n import N_, Msg
from synth.lineage.record import frame_sha256

FORMAT = "synthreview.bundle/1"
MANIFEST, MANIFEST_SIG = "manifest.json", "manifest.sig"
RECORD, RECORD_SIG, PUBLIC_KEY = "signoff/record.json", "signoff/record.sig", "keys/public_key.pem"
CSV, PARQUET, REPORT, AUDIT = (
    "data/rows.csv",
    "data/rows.parquet",
    "report/evaluation.html",
    "audit/excerpt.jsonl",
)
CARD_JSON, CARD_MD, README = "datacard.json", "datacard.md", "README.txt"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time ZIP can hold; any fixed value keeps bytes stable


def approved_signoff(store: Store, dataset_id: int) -> SignoffRecord:
    """The approval an export rests on, checked against its signature and the stored files."""
    dataset = queries.get_dataset(store, dataset_id)
    signoff = signoff_for(store, dataset_id)
    if signoff is None:
        raise NotApproved(
            Msg(
                "Dataset {dataset_id} has not been signed off; only approved datasets can be exported.",
                dataset_id=dataset_id,
            )
        )
    if not signoff.approved:
        raise NotApproved(
            Msg(
                "Dataset {dataset_id} was rejected by {officer}; only approved datasets can be exported.",
                dataset_id=dataset_id,
                officer=signoff.officer,
            )
        )
    if not signoff.signature_valid():
        raise ReviewsError(
            Msg(
                "Sign-off {signoff_id} does not match its signature; the database may have been "
                "altered. Run `python -m reviews audit verify` and ask an officer to sign again.",
                signoff_id=signoff.id,
            )
        )
    if signoff.dataset_sha256 != dataset.sha256 or signoff.record["dataset"]["sha256"] != dataset.sha256:
        raise ReviewsError(
            Msg(
                "Dataset {dataset_id} changed after it was signed off; ask an officer to sign again.",
                dataset_id=dataset_id,
            )
        )
    return signoff


def _parquet_bytes(frame, dataset: queries.DatasetRecord) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    labels = dataset.labels or {}
    metadata = dict(table.schema.metadata or {})
    metadata.update(
        {
            b"synthetic": b"true",
            b"purpose": (dataset.purpose or "").encode(),
            b"allowed_stages": json.dumps(list(labels.get("stages") or [])).encode(),
            b"lineage": json.dumps(
                {"depth": dataset.depth, **(dataset.lineage or {})}, sort_keys=True, default=str
            ).encode(),
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer)
    return buffer.getvalue()


def _lineage_ids(store: Store, dataset: queries.DatasetRecord) -> list[int]:
    ids: list[int] = []
    current: queries.DatasetRecord | None = dataset
    while current is not None and current.id not in ids:
        ids += [current.id] + [i for i in (current.train_id, current.holdout_id) if i is not None]
        current = queries.get_dataset(store, current.parent_id) if current.parent_id is not None else None
    return list(dict.fromkeys(ids))


def _signoff_seq(store: Store, signoff: SignoffRecord) -> int:
    return int(_signoff_event(store, signoff)["seq"])


def _signoff_event(store: Store, signoff: SignoffRecord):
    for event in audit_queries.events_of(
        store, f"dataset:{signoff.dataset_id}", f"signoff.{signoff.verdict}"
    ):
        if json.loads(event["payload"]).get("signoff_id") == signoff.id:
            return event
    raise ReviewsError(
        Msg(
            "The audit log has no event for sign-off {signoff_id}; run `python -m reviews audit verify`.",
            signoff_id=signoff.id,
        )
    )


def _audit_anchor(store: Store, signoff: SignoffRecord) -> dict:
    event = _signoff_event(store, signoff)
    return {"seq": int(event["seq"]), "hash": str(event["hash"])}


def audit_excerpt(store: Store, dataset: queries.DatasetRecord, until_seq: int) -> bytes:
    """JSONL of the events about this dataset's lineage, rounds, tasks and inspections, up to
    ``until_seq``."""
    lineage = _lineage_ids(store, dataset)
    round_ids = [r.id for i in lineage for r in round_queries.list_rounds(store, i)]
    task_ids = round_queries.task_ids(store, round_ids)
    inspection_ids = inspection_queries.inspection_ids(store, dataset_id=dataset.id)
    objects = (
        [f"dataset:{i}" for i in lineage]
        + [f"round:{i}" for i in round_ids]
        + [f"task:{i}" for i in task_ids]
        + [f"inspection:{i}" for i in inspection_ids]
    )
    events = audit_queries.events_about(store, objects, until_seq)
    lines = [
        json.dumps(
            {k: e[k] for k in ("seq", "time", "actor", "action", "object", "payload", "prev_hash", "hash")},
            sort_keys=True,
            ensure_ascii=False,
        )
        for e in sorted(events, key=lambda e: e["seq"])
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _readme(dataset: queries.DatasetRecord, signoff: SignoffRecord) -> bytes:
    return (
        f"Evidence bundle of synthetic dataset {dataset.id} ({dataset.name}).\n"
        f"Signed off ({signoff.verdict}) by {signoff.officer}; signing key fingerprint "
        f"{signoff.key_fingerprint}.\n\n"
        "Check it with:  python -m reviews verify-bundle THIS.zip\n"
        "manifest.json lists the sha256 of every file; manifest.sig and signoff/record.sig are raw Ed25519\n"
        "signatures of manifest.json and signoff/record.json by keys/public_key.pem.\n"
        "In data/rows.csv, text cells starting with = + - @ tab or CR carry a leading single quote so that\n"
        "spreadsheets show them as text; data/rows.parquet has the values unchanged.\n"
    ).encode()


def bundle_members(store: Store, dataset_id: int) -> dict[str, bytes]:
    """Every file of the bundle, in the order they are written, signatures included."""
    signoff = approved_signoff(store, dataset_id)
    dataset = queries.get_dataset(store, dataset_id)
    # The file on disk must still be the one catalogued and signed: a swapped Parquet is refused.
    if dataset_queries.stored_file_sha256(store, dataset_id) != dataset.sha256:
        raise ReviewsError(
            Msg(
                "The stored file of dataset {dataset_id} is missing or changed since it was catalogued; "
                "nothing was exported. Restore it from a backup.",
                dataset_id=dataset.id,
            )
        )
    frame = queries.load_frame(store, dataset_id)
    if frame_sha256(frame) != (signoff.record.get("dataset") or {}).get("rows_sha256"):
        raise ReviewsError(
            Msg(
                "The rows of dataset {dataset_id} are not the rows the officer signed; nothing was exported.",
                dataset_id=dataset.id,
            )
        )
    report = report_bytes(store, signoff)
    if report is None or artifacts.sha256_hex(report) != signoff.report_sha256:
        raise ReviewsError(
            Msg(
                "The evaluation report of sign-off {signoff_id} is missing or changed; ask an officer "
                "to sign again.",
                signoff_id=signoff.id,
            )
        )
    evaluation = get_evaluation(store, signoff.evaluation_id) if signoff.evaluation_id else None
    card = build_datacard(dataset, signoff, evaluation, [str(c) for c in frame.columns])
    members = {
        README: _readme(dataset, signoff),
        CSV: safe_csv_bytes(frame),
        PARQUET: _parquet_bytes(frame, dataset),
        CARD_JSON: datacard_json(card),
        CARD_MD: datacard_markdown(card).encode("utf-8"),
        REPORT: report,
        AUDIT: audit_excerpt(store, dataset, _signoff_seq(store, signoff)),
        RECORD: signoff.record_text.encode("utf-8"),
        RECORD_SIG: bytes.fromhex(signoff.signature),
        PUBLIC_KEY: signoff.public_key.encode("ascii"),
    }
    manifest = {
        "format": FORMAT,
        "dataset_id": dataset.id,
        "signoff_id": signoff.id,
        "key_fingerprint": signoff.key_fingerprint,
        "files": {name: artifacts.sha256_hex(data) for name, data in members.items()},
        # The sign-off's own event anchors the audit chain up to it; fixed, so bundles stay
        # reproducible (see reviews.audit.anchor).
        "audit_head": _audit_anchor(store, signoff),
    }
    members[MANIFEST] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if signing.fingerprint(signing.public_key_pem()) != signoff.key_fingerprint:
        raise ReviewsError(
            N_(
                "The workspace's signing key is not the one that signed this approval; "
                "restore the original key or ask an officer to sign again."
            )
        )
    members[MANIFEST_SIG] = signing.sign(members[MANIFEST])
    return members


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A ZIP of ``members`` that is identical byte for byte for identical members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # "Unix", whatever machine builds it
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def build_bundle(store: Store, actor: Actor, dataset_id: int) -> bytes:
    """The evidence bundle of an approved dataset as ZIP bytes; the export is audited ("bundle.export")."""
    require(actor, "export")
    members = bundle_members(store, dataset_id)
    data = zip_bytes(members)
    signoff_id = json.loads(members[MANIFEST])["signoff_id"]
    store.record_export(actor, dataset_id, signoff_id, artifacts.sha256_hex(data), len(data), list(members))
    write_checkpoint_quietly(store.engine)
    return data


def bundle_file_name(dataset: queries.DatasetRecord) -> str:
    """A file name for the download button."""
    return f"synthreview-dataset-{dataset.id}-bundle.zip"
