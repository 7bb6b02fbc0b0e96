"""The reviews CLI: users and audit verify, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[3]


def _run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home)}
    env.pop("SYNTHREVIEW_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "reviews", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_users_and_audit_verify(tmp_path):
    home = tmp_path / "ws"
    created = _run(
        home,
        "users",
        "create",
        "--username",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        stdin="long-password\n",
    )
    assert created.returncode == 0, created.stderr
    assert "ada" in _run(home, "users", "list").stdout
    _run(
        home,
        "users",
        "create",
        "--username",
        "bo",
        "--role",
        "reviewer",
        "--password-stdin",
        stdin="another-pass\n",
    )
    assert _run(home, "users", "set-role", "--username", "bo", "--role", "steward").returncode == 0
    verified = _run(home, "audit", "verify", "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["events"] == 3

    engine = create_engine(f"sqlite:///{home / 'synthreview.db'}")
    with engine.begin() as conn:
        conn.execute(text('UPDATE audit_events SET payload = \'{"role":"admin"}\' WHERE seq = 2'))
    broken = _run(home, "audit", "verify")
    assert broken.returncode == 1 and "event 2" in broken.stdout


def test_user_error_is_one_line_exit_2(tmp_path):
    home = tmp_path / "ws"
    result = _run(
        home,
        "users",
        "create",
        "--username",
        "x",
        "--role",
        "steward",
        "--password-stdin",
        stdin="long-password\n",
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "first user must be an admin" in result.stderr
