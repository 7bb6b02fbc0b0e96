"""``python -m reviews audit verify --bundle`` ends cleanly, and without the generator stacks.

The command once printed its verdict and then aborted at interpreter exit ("terminate called
without an active exception", exit -6): Arrow's I/O threads were still calling back into the
Python file the bundle's Parquet was read from (see ``synth.intake.parquet_source``). The
generator stacks (torch, jax, SDV) start native thread pools of their own and a verification
needs none of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.databases import fresh_store
from tests.support.fresh_interpreter import probe

ROOT = Path(__file__).resolve().parents[2]
GENERATOR_STACKS = ("torch", "jax", "sdv", "ctgan", "opacus", "mbi", "snsynth")
PROBE = """
import json, sys
from reviews.cli import main
code = main(sys.argv[2:])
print(json.dumps({"code": code, "loaded": [m for m in sys.argv[1].split(",") if m in sys.modules]}))
"""


@pytest.fixture
def signed_bundle(tmp_path, monkeypatch, fast_passwords) -> Path:
    from reviews.bundle import build_bundle
    from reviews.signoff import APPROVE, sign
    from tests.support.signoff_flow import OFFICER, PASSWORD, STEWARD, accepted_flow

    store = fresh_store("sqlite", tmp_path, monkeypatch)
    flow = accepted_flow(store)
    sign(store, OFFICER, flow.accepted_id, PASSWORD["officer"], APPROVE, comment="Meets every gate.")
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(build_bundle(store, STEWARD, flow.accepted_id))
    return bundle


def _verify(bundle: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reviews", "audit", "verify", "--json", "--bundle", str(bundle)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=180,
    )


def test_verify_with_a_bundle_exits_zero_every_time(signed_bundle):
    for _ in range(3):
        done = _verify(signed_bundle)
        assert "terminate called" not in done.stderr
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["ok"]


def test_verify_with_a_bundle_imports_no_generator_stack(signed_bundle):
    seen = probe(PROBE, ",".join(GENERATOR_STACKS), "audit", "verify", "--bundle", str(signed_bundle))
    assert seen["code"] == 0
    assert seen["loaded"] == [], f"audit verify imported {seen['loaded']}"
