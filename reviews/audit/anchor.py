"""The audit chain anchored outside the database: signed checkpoints, and heads carried by bundles.

The hash chain alone shows that rows were edited, but not that someone with write access to the
database deleted the newest events and reset the head row, or edited an event and recomputed
every later hash. To catch that, the chain's head (``seq`` and ``hash``) is copied to places the
database cannot rewrite:

- an append-only checkpoint file (``<SYNTHREVIEW_HOME>/audit/checkpoints.jsonl``, or the path in
  ``SYNTHREVIEW_AUDIT_CHECKPOINTS``), one line per checkpoint, each signed with the workspace key;
  one is written after every sign-off and export, and by ``python -m reviews audit checkpoint``;
- every signed sign-off record (the head just before the sign-off) and every bundle manifest (the
  sign-off's own event).

``compare_with_anchors`` then checks that the database still holds, at each anchored ``seq``, the
event with the anchored hash. Because each hash covers every event before it, one matching anchor
vouches for the whole chain up to it. What this does not protect against: someone who holds the
signing key as well as the database can write a new, consistently signed checkpoint file (keep a
copy of the file, or point ``SYNTHREVIEW_AUDIT_CHECKPOINTS`` at storage that admins of the app
cannot rewrite); and events after the newest anchor are protected by the chain alone.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reviews.audit.hashing import canonical_json
from reviews.queries.audit import chain_head, chain_rows
from reviews.workspace import signing
from reviews.workspace.config import load_settings
from synth.i18n import Msg

ENV_CHECKPOINTS = "SYNTHREVIEW_AUDIT_CHECKPOINTS"
log = logging.getLogger("synthreview")


def checkpoint_path() -> Path:
    """Where checkpoints are appended: ``SYNTHREVIEW_AUDIT_CHECKPOINTS`` or the workspace home."""
    configured = os.environ.get(ENV_CHECKPOINTS, "").strip()
    if configured:
        return Path(configured).expanduser()
    return load_settings().home / "audit" / "checkpoints.jsonl"


def head_anchor(engine) -> dict:
    """The chain's head as it goes into a signed record or manifest: ``{"seq": ..., "hash": ...}``."""
    seq, digest = chain_head(engine)
    return {"seq": seq, "hash": digest}


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    time: str
    key_fingerprint: str
    signature: str

    def signed_part(self) -> bytes:
        body = {
            "seq": self.seq,
            "hash": self.hash,
            "time": self.time,
            "key_fingerprint": self.key_fingerprint,
        }
        return canonical_json(body).encode("utf-8")


def write_checkpoint(engine, path: Path | None = None) -> Checkpoint:
    """Append the current head, signed with the workspace key, to the checkpoint file."""
    seq, digest = chain_head(engine)
    public_pem = signing.public_key_pem()
    unsigned = Checkpoint(
        seq, digest, datetime.now(UTC).isoformat(timespec="seconds"), signing.fingerprint(public_pem), ""
    )
    point = Checkpoint(**{**unsigned.__dict__, "signature": signing.sign(unsigned.signed_part()).hex()})
    path = path or checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    line = json.dumps(point.__dict__, sort_keys=True) + "\n"
    # O_APPEND: concurrent writers each add whole lines; nothing ever rewrites earlier ones.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return point


def write_checkpoint_quietly(engine) -> Checkpoint | None:
    """``write_checkpoint`` after a sign-off or export, which stays done if the file cannot be written.

    The failure is logged; ``python -m reviews audit checkpoint`` writes one later.
    """
    try:
        return write_checkpoint(engine)
    except OSError:
        log.warning("the audit checkpoint could not be written to %s", checkpoint_path(), exc_info=True)
        return None


def read_checkpoints(path: Path, public_pem: bytes | None) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints whose signature the workspace key confirms, and a problem for every other line."""
    points: list[Checkpoint] = []
    problems: list[str] = []
    if not path.exists():
        return points, problems
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            point = Checkpoint(
                int(data["seq"]),
                str(data["hash"]),
                str(data["time"]),
                str(data["key_fingerprint"]),
                str(data["signature"]),
            )
            valid = public_pem is not None and signing.verify(
                public_pem, point.signed_part(), bytes.fromhex(point.signature)
            )
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            problems.append(
                Msg(
                    "checkpoint line {line} of {path} is not signed by this workspace's key",
                    line=number,
                    path=str(path),
                )
            )
        else:
            points.append(point)
    return points, problems


@dataclass
class AnchorReport:
    """Anchors compared with the database; ``ok`` when every anchor matches."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)
    newest: dict | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "anchors_checked": self.checked,
            "newest": self.newest,
            "problems": self.problems,
        }


def compare_with_anchors(engine, anchors: list[tuple[str, dict]]) -> AnchorReport:
    """Check each ``(where, {"seq", "hash"})`` against the events in the database."""
    head, rows = chain_rows(engine)
    hashes = {int(row["seq"]): row["hash"] for row in rows}
    last = max(hashes, default=0)
    report = AnchorReport()
    for where, anchor in anchors:
        seq, digest = int(anchor["seq"]), str(anchor["hash"])
        report.checked += 1
        if report.newest is None or seq > report.newest["seq"]:
            report.newest = {"seq": seq, "hash": digest, "where": where}
        if seq == 0:
            continue  # anchored an empty chain: nothing to compare
        if seq > last:
            report.problems.append(
                Msg(
                    "{where} records event {seq}, but the database ends at event {last}: newer events "
                    "were removed",
                    where=where,
                    seq=seq,
                    last=last,
                )
            )
        elif hashes.get(seq) != digest:
            report.problems.append(
                Msg(
                    "event {seq} in the database differs from {where}: the chain was rewritten up to that "
                    "event",
                    seq=seq,
                    where=where,
                )
            )
    if head is not None and head.seq < last:
        report.problems.append(Msg("the head row is behind the newest event {last}", last=last))
    return report


def checkpoint_anchors(path: Path | None = None) -> tuple[list[tuple[str, dict]], list[str]]:
    """Every validly signed checkpoint as an anchor, and the problems with the file's other lines."""
    path = path or checkpoint_path()
    points, problems = read_checkpoints(path, signing.existing_public_key_pem())
    anchors: list[tuple[str, dict]] = [
        (Msg("checkpoint of {time}", time=p.time), {"seq": p.seq, "hash": p.hash}) for p in points
    ]
    return anchors, problems
