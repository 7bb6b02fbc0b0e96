"""``python -m synth`` as its own process: it ends without interpreter teardown, so what it
prints must still arrive whole and its exit code must be the command's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]


def synth(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "synth", *argv], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def wide_table(path: Path) -> Path:
    rng = np.random.default_rng(0)
    columns = {f"column_{i:03d}": rng.integers(0, 100, size=50) for i in range(150)}
    pd.DataFrame(columns).to_csv(path, index=False)
    return path


def test_a_long_report_arrives_whole_through_a_pipe(tmp_path):
    done = synth("profile", str(wide_table(tmp_path / "wide.csv")), "--json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 64 * 1024  # past any pipe buffer, so it was flushed before the end
    assert len(json.loads(done.stdout)["columns"]) == 150


def test_a_user_error_still_exits_2_with_its_one_line(tmp_path):
    done = synth("profile", str(tmp_path / "absent.csv"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "no file at" in done.stderr


def test_generated_files_are_complete(tmp_path):
    source = wide_table(tmp_path / "wide.csv")
    out = tmp_path / "synthetic.csv"
    done = synth("generate", str(source), "--generator", "rules", "--rows", "400", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote 400 privacy rows")
    assert pd.read_csv(out).shape == (400, 150)
    assert (
        json.loads(out.with_suffix(".lineage.json").read_text(encoding="utf-8"))["lineage"]["generator"]
        == "rules"
    )
