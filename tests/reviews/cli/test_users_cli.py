"""``python -m reviews users``: the password policy, disable/enable with their audit events, JSON list."""

from __future__ import annotations

import json

import pytest

from tests.reviews.cli.test_cli import _run


def _create(home, username, role, password):
    args = ("users", "create", "--username", username, "--role", role, "--password-stdin")
    return _run(home, *args, stdin=password + "\n")


@pytest.mark.parametrize("password", ["short-pw", "iloveyou1234"])
def test_a_short_or_common_password_exits_2_with_one_line(tmp_path, password):
    result = _create(tmp_path / "ws", "ada", "admin", password)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "password" in result.stderr
    assert json.loads(_run(tmp_path / "ws", "users", "list", "--json").stdout) == []


def test_disable_and_enable_are_audited_and_listed(tmp_path):
    home = tmp_path / "ws"
    assert _create(home, "ada", "admin", "ada-admin-phrase").returncode == 0
    assert _create(home, "bo", "reviewer", "bo-reviewer-phrase").returncode == 0
    assert _run(home, "users", "disable", "--username", "bo").returncode == 0
    listed = {u["username"]: u for u in json.loads(_run(home, "users", "list", "--json").stdout)}
    assert listed["bo"]["active"] is False and listed["bo"]["role"] == "reviewer"
    assert _run(home, "users", "enable", "--username", "bo").returncode == 0
    listed = {u["username"]: u for u in json.loads(_run(home, "users", "list", "--json").stdout)}
    assert listed["bo"]["active"] is True
    last_admin = _run(home, "users", "disable", "--username", "ada")
    assert last_admin.returncode == 2 and "last active admin" in last_admin.stderr
    missing = _run(home, "users", "enable", "--username", "nobody")
    assert missing.returncode == 2
    verified = json.loads(_run(home, "audit", "verify", "--json").stdout)
    assert verified["events"] == 4  # two creations, one disable, one enable
