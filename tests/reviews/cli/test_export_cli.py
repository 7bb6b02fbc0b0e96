"""``python -m reviews export`` and ``verify-bundle`` without the app."""

from __future__ import annotations

import zipfile

import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.bundle import zip_bytes
from reviews.cli import COMMANDS, main
from reviews.signoff import APPROVE, sign
from tests.support.signoff_flow import OFFICER, PASSWORD, accepted_flow

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _cli(*argv: str) -> int:
    return main(list(argv), commands=COMMANDS)


def test_export_then_verify_and_refusals(store, tmp_path, capsys):
    flow = accepted_flow(store)
    out = tmp_path / "bundle.zip"
    assert _cli("export", str(flow.accepted_id), "--out", str(out)) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error:") and "not been signed off" in error and "\n" not in error
    assert not out.exists()

    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE)
    assert _cli("export", str(flow.accepted_id), "--out", str(out)) == 0
    assert _cli("verify-bundle", str(out)) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK")

    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["datacard.md"] = members["datacard.md"].replace(b"approve", b"APPROVE", 1)
    bad = tmp_path / "tampered.zip"
    bad.write_bytes(zip_bytes(members))
    assert _cli("verify-bundle", str(bad)) == 1
    printed = capsys.readouterr().out
    assert "FAILED" in printed and "datacard.md was changed" in printed

    exports = queries.audit_frame(store, "bundle.export")
    assert list(exports["actor"]) == ["system"] and list(exports["object"]) == [f"dataset:{flow.accepted_id}"]
    assert verify_chain(store.engine).ok
