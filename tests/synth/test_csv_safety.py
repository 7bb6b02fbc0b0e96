"""Spreadsheet formula injection is neutralised in exported CSV; typed numbers are left alone."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from synth.csv_safety import neutralise, safe_csv_bytes, write_safe_csv


def _read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_formula_cells_get_a_quote_and_numbers_do_not():
    frame = pd.DataFrame(
        {
            "note": [
                '=HYPERLINK("http://x")',
                "+1+1",
                "-2+3",
                "@SUM(A1)",
                "\tcmd",
                "\rcmd",
                "plain",
                None,
                "a=b",
            ],
            "amount": [-1.5, 2.0, -3.25, 0.0, np.nan, 1e-3, -7.0, 4.0, 5.0],
            "count": pd.Series([-1, 2, -3, 4, 5, 6, -7, 8, 9], dtype="int64"),
        }
    )
    rows = _read_back(safe_csv_bytes(frame))
    assert rows[0] == ["note", "amount", "count"]
    notes = [r[0] for r in rows[1:]]
    assert notes == [
        '\'=HYPERLINK("http://x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tcmd",
        "'\rcmd",
        "plain",
        "",
        "a=b",
    ]
    # Typed numeric columns are written as plain numbers, negative ones included.
    assert [r[1] for r in rows[1:]] == ["-1.5", "2.0", "-3.25", "0.0", "", "0.001", "-7.0", "4.0", "5.0"]
    assert [r[2] for r in rows[1:]] == ["-1", "2", "-3", "4", "5", "6", "-7", "8", "9"]
    # The OWASP rule as an oracle: no text cell of the CSV starts with a trigger character.
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in notes)


def test_text_that_looks_numeric_and_headers_are_neutralised():
    frame = pd.DataFrame(
        {
            "=cmd()": ["-5", "5"],
            "flag": [True, False],
            "when": pd.to_datetime(["2020-01-01", "2021-06-30"]),
            "cat": pd.Categorical(["+x", "y"]),
        }
    )
    out = neutralise(frame)
    assert list(out.columns) == ["'=cmd()", "flag", "when", "cat"]
    assert list(out["'=cmd()"]) == ["'-5", "5"]  # a string column stays text, so it is escaped
    assert list(out["cat"]) == ["'+x", "y"]
    assert out["flag"].tolist() == [True, False] and out["when"].equals(frame["when"])
    assert frame.columns[0] == "=cmd()"  # the input is not changed


def test_written_file_holds_the_same_inert_bytes(tmp_path):
    frame = pd.DataFrame({"who": ['=HYPERLINK("http://evil.example","x")', "ok"], "n": [-1, 2]})
    path = tmp_path / "out.csv"
    write_safe_csv(frame, path)
    assert path.read_bytes() == safe_csv_bytes(frame)
    rows = _read_back(path.read_bytes())
    assert rows[1:] == [['\'=HYPERLINK("http://evil.example","x")', "-1"], ["ok", "2"]]


def test_repeated_mixed_values_are_neutralised_cell_by_cell():
    rng = np.random.default_rng(0)
    pool = np.array(["-a", "b", "=c", None, 7, -3, 2.5, "@d", "+", "e"], dtype=object)
    column = pd.Series(pool[rng.integers(len(pool), size=5_000)], dtype=object)
    out = neutralise(pd.DataFrame({"mixed": column}))["mixed"]
    # The rule applied to every cell on its own is the oracle.
    expected = [
        None if value is None else ("'" if str(value)[0] in "=+-@\t\r" else "") + str(value)
        for value in column
    ]
    assert out.tolist() == expected
    assert out.index.equals(column.index)


def test_values_that_hash_alike_keep_their_own_text():
    # 1, 1.0 and True are one value to a hash table, but a spreadsheet must see what was there.
    column = pd.Series([1, True, 1.0, "=1", False, 0], dtype=object)
    out = neutralise(pd.DataFrame({"mixed": column}))["mixed"]
    assert out.tolist() == ["1", "True", "1.0", "'=1", "False", "0"]
    assert (
        safe_csv_bytes(pd.DataFrame({"mixed": column}))
        == b"mixed\r\n1\r\nTrue\r\n1.0\r\n'=1\r\nFalse\r\n0\r\n"
    )
