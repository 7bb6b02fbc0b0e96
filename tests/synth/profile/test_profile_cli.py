"""``python -m synth profile``, driven through the shared runner."""

from __future__ import annotations

import json

from synth.cli import run_cli


def _run(argv):
    return run_cli("synth", ("profile",), package="synth.commands", argv=argv)


def test_bad_file_exits_2_with_one_stderr_line(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("a,a\n1,2\n", encoding="utf-8")
    assert _run(["profile", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "more than once" in lines[0] and "only one data row" in lines[0]
    assert captured.out == ""


def test_missing_file_exits_2(tmp_path, capsys):
    assert _run(["profile", str(tmp_path / "absent.csv")]) == 2
    assert "no file at" in capsys.readouterr().err


def test_json_output(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("age;mail\n30;a@b.org\n?;c@d.org\n41;e@f.org\n", encoding="utf-8")
    assert _run(["profile", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] == 3 and data["delimiter"] == ";" and data["format"] == "csv"
    assert data["missing_markers"] == {"age": {"?": 1}}
    assert data["pii"] == {"mail": "email"}
    assert {"columns", "quality", "outliers", "encoding"} <= set(data)


def test_readable_summary(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("age,city\n30,Paris\n-1,Rome\n41,NA\n", encoding="utf-8")
    assert _run(["profile", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 rows x 2 columns" in out and "quality score" in out
    assert "impossible_value" in out and "'NA' x1" in out


def test_adult_json(adult_path, capsys):
    assert _run(["profile", str(adult_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] == 32561 and len(data["columns"]) == 15
    shares = {c["name"]: c["missing_share"] for c in data["columns"]}
    assert all(shares[name] > 0 for name in ("workclass", "occupation", "native-country"))
    assert data["missing_markers"]["workclass"] == {"?": 1836}
