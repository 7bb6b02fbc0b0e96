"""The audit chain anchored outside the database: a rewrite that keeps the chain self-consistent
(tail deleted and head reset; an event edited and every later hash recomputed) passes the chain
check but is caught by a signed checkpoint and by a bundle's audit head."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from reviews.audit.anchor import (
    checkpoint_anchors,
    checkpoint_path,
    compare_with_anchors,
    write_checkpoint,
)
from reviews.audit.chain import verify_chain
from reviews.audit.hashing import GENESIS, event_hash
from reviews.store import NewDataset
from reviews.workspace.permissions import Actor

ROOT = Path(__file__).resolve().parents[3]
STEWARD = Actor("steward", "steward")


@pytest.fixture(autouse=True)
def _checkpoints_in_the_workspace(monkeypatch):
    monkeypatch.delenv("SYNTHREVIEW_AUDIT_CHECKPOINTS", raising=False)


def _events(store, n: int) -> None:
    for i in range(n):
        store.add_dataset(STEWARD, NewDataset(f"t{i}", pd.DataFrame({"a": [i, i + 1]})))


def _delete_tail_and_reset_head(store, keep: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq > :k"), {"k": keep})
        digest = conn.execute(text("SELECT hash FROM audit_events WHERE seq = :k"), {"k": keep}).scalar_one()
        conn.execute(text("UPDATE audit_head SET seq = :k, hash = :h WHERE id = 1"), {"k": keep, "h": digest})


def _rewrite_from(store, seq: int, actor: str = "mallory") -> None:
    """Edit event ``seq`` and recompute every later hash and the head, as an attacker with SQL would."""
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = :a WHERE seq = :s"), {"a": actor, "s": seq})
        rows = conn.execute(text("SELECT * FROM audit_events ORDER BY seq")).mappings().all()
        prev = GENESIS
        for row in rows:
            digest = event_hash(
                prev, row["seq"], row["time"], row["actor"], row["action"], row["object"], row["payload"]
            )
            conn.execute(
                text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": digest, "s": row["seq"]},
            )
            prev = digest
        conn.execute(text("UPDATE audit_head SET hash = :h WHERE id = 1"), {"h": prev})


def _anchored(store):
    anchors, problems = checkpoint_anchors()
    report = compare_with_anchors(store.engine, anchors)
    return report, problems


def test_checkpoint_is_signed_appended_and_private(store):
    _events(store, 3)
    first = write_checkpoint(store.engine)
    _events(store, 2)
    second = write_checkpoint(store.engine)
    path = checkpoint_path()
    lines = path.read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [first.seq, second.seq] == [3, 5]
    assert (path.stat().st_mode & 0o777) == 0o600
    report, problems = _anchored(store)
    assert report.ok and not problems and report.checked == 2 and report.newest["seq"] == 5


def test_deleting_the_tail_after_a_checkpoint_is_detected(store):
    _events(store, 6)
    write_checkpoint(store.engine)
    _delete_tail_and_reset_head(store, keep=3)
    assert verify_chain(store.engine).ok  # the finding: the chain alone calls this intact
    report, _ = _anchored(store)
    assert not report.ok and "newer events were removed" in report.problems[0]


def test_rewriting_and_rehashing_after_a_checkpoint_is_detected(store):
    _events(store, 6)
    write_checkpoint(store.engine)
    _rewrite_from(store, 2)
    assert verify_chain(store.engine).ok  # the finding: the chain alone calls this intact
    report, _ = _anchored(store)
    assert not report.ok and "rewritten" in report.problems[0]


def test_events_after_the_checkpoint_are_fine_and_an_edited_checkpoint_is_refused(store):
    _events(store, 3)
    write_checkpoint(store.engine)
    _events(store, 3)
    report, problems = _anchored(store)
    assert report.ok and not problems
    path = checkpoint_path()
    data = json.loads(path.read_text())
    data["seq"] = 2  # moved back to hide later events, without the key to sign it again
    path.write_text(json.dumps(data) + "\n")
    anchors, problems = checkpoint_anchors()
    assert anchors == [] and "not signed by this workspace's key" in problems[0]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reviews", "audit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=120,
    )


def test_cli_checkpoint_then_verify_catches_a_deleted_tail(store):
    _events(store, 5)
    assert _cli("checkpoint").returncode == 0
    done = _cli("verify", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["anchors_checked"] == 1
    _delete_tail_and_reset_head(store, keep=2)
    done = _cli("verify", "--json")
    result = json.loads(done.stdout)
    assert done.returncode == 1 and result["chain_ok"] and not result["ok"]
    assert "newer events were removed" in result["anchor_problems"][0]


@pytest.mark.usefixtures("fast_passwords")
def test_rewrite_is_detected_against_a_bundle_even_without_the_checkpoint_file(store, tmp_path):
    from reviews.bundle import build_bundle
    from reviews.signoff import APPROVE, sign
    from tests.support.signoff_flow import OFFICER, PASSWORD, accepted_flow
    from tests.support.signoff_flow import STEWARD as FLOW_STEWARD

    flow = accepted_flow(store)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Meets every gate.")
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(build_bundle(store, FLOW_STEWARD, flow.accepted_id))
    assert _cli("verify", "--bundle", str(bundle)).returncode == 0
    checkpoint_path().unlink()  # the attacker removes the local checkpoints too
    _rewrite_from(store, 3)
    assert verify_chain(store.engine).ok
    done = _cli("verify", "--json", "--bundle", str(bundle))
    result = json.loads(done.stdout)
    assert done.returncode == 1 and result["chain_ok"]
    assert any("b.zip" in p and "rewritten" in p for p in result["anchor_problems"])
