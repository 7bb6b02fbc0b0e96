"""Run a probe in a fresh Python interpreter, where ``sys.modules`` holds only what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def probe(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``code`` with ``args`` from the checkout's root; returns the JSON of its last output line."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
