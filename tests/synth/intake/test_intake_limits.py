"""Hostile files are refused within bounds, with one message naming the limit and how to raise it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from synth.intake import IntakeLimits, LimitExceeded, clean_filename, read_table
from synth.intake.limits import ENV_CELL, ENV_CELLS, ENV_COLUMNS, ENV_UNPACKED
from tests.support.hostile_files import (
    cells_bomb_workbook,
    long_cell_csv,
    nested_jsonl,
    nested_parquet,
    shared_strings_workbook,
    wide_csv,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# Address space allowed to the child that reads a bomb: pandas, pyarrow and openpyxl loaded
# take well under this, the unbounded reads of these files take many times more.
_CHILD_MEMORY = 3 * 1024**3

_READ_UNDER_LIMIT = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from synth.intake import read_table, LimitExceeded
    try:
        read_table(sys.argv[1])
    except LimitExceeded as exc:
        print("REFUSED:", exc)
        sys.exit(0)
    except MemoryError:
        print("MEMORY")
        sys.exit(3)
    print("ACCEPTED")
    sys.exit(4)
    """
)


def _read_in_child(path, **env) -> subprocess.CompletedProcess:
    child_env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **env}
    return subprocess.run(
        [sys.executable, "-c", _READ_UNDER_LIMIT.format(limit=_CHILD_MEMORY), str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=child_env,
        timeout=300,
    )


def test_workbook_builder_makes_a_readable_workbook(tmp_path):
    # The bomb below is this same workbook with a longer string: a small one must read.
    path = shared_strings_workbook(tmp_path / "small.xlsx", string_chars=50, referencing_rows=3)
    result = read_table(path)
    assert list(result.frame.columns) == ["id", "note"]
    assert result.frame["note"].tolist() == ["A" * 50] * 3


def test_shared_strings_bomb_is_refused_under_a_memory_limit(tmp_path):
    path = shared_strings_workbook(
        tmp_path / "bomb.xlsx", string_chars=200 * 1024 * 1024, referencing_rows=20
    )
    assert path.stat().st_size < 400 * 1024  # a small upload
    done = _read_in_child(path)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "REFUSED" in done.stdout and ENV_CELL in done.stdout and "sharedStrings.xml" in done.stdout


def test_zip_bomb_is_refused_under_a_memory_limit(tmp_path):
    path = cells_bomb_workbook(tmp_path / "cells.xlsx", rows=1_000_000)  # about 300 MB unpacked
    assert path.stat().st_size < 2 * 1024 * 1024
    done = _read_in_child(path, **{ENV_UNPACKED: "100"})
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "REFUSED" in done.stdout and ENV_UNPACKED in done.stdout and "100.0 MB" in done.stdout


def test_cells_limit_stops_a_long_sheet_while_it_is_read(tmp_path):
    path = cells_bomb_workbook(tmp_path / "cells.xlsx", rows=30_000)
    with pytest.raises(LimitExceeded) as caught:
        read_table(path, limits=IntakeLimits(max_cells=100_000))
    assert ENV_CELLS in str(caught.value)


def test_ten_thousand_columns_are_refused_at_the_header(tmp_path):
    path = wide_csv(tmp_path / "wide.csv", columns=10_000, rows=200)
    with pytest.raises(LimitExceeded) as caught:
        read_table(path)
    message = str(caught.value)
    assert "10000 columns" in message and "2000" in message and ENV_COLUMNS in message


def test_fifty_megabyte_cell_gets_an_accurate_message(tmp_path):
    path = long_cell_csv(tmp_path / "big.csv", cell_chars=50 * 1024 * 1024)
    with pytest.raises(LimitExceeded) as caught:
        read_table(path, max_bytes=100 * 1024 * 1024)
    message = str(caught.value)
    assert "more than 1000000 characters" in message and "(line 3)" in message and ENV_CELL in message
    assert "quote" not in message


def test_raising_the_cell_limit_lets_a_long_cell_through(monkeypatch):
    data = ("id,note\n1,a\n2," + "y" * 3000 + "\n").encode()
    monkeypatch.setenv(ENV_CELL, "2000")
    with pytest.raises(LimitExceeded):
        read_table(data, "t.csv")
    monkeypatch.setenv(ENV_CELL, "5000")
    assert read_table(data, "t.csv").frame["note"].str.len().max() == 3000


def test_long_parquet_cell_is_refused_naming_its_column():
    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2], "note": ["a", "z" * 5000]}), buffer)
    with pytest.raises(LimitExceeded) as caught:
        read_table(buffer.getvalue(), "t.parquet", limits=IntakeLimits(max_cell_chars=1000))
    assert "'note'" in str(caught.value)


def test_long_jsonl_cell_is_refused():
    data = (
        json.dumps({"id": 1, "note": "a"}) + "\n" + json.dumps({"id": 2, "note": "q" * 5000}) + "\n"
    ).encode()
    with pytest.raises(LimitExceeded) as caught:
        read_table(data, "t.jsonl", limits=IntakeLimits(max_cell_chars=1000))
    assert "record 2" in str(caught.value)


@pytest.mark.parametrize("build", [nested_parquet, nested_jsonl], ids=["parquet", "jsonl"])
def test_nested_columns_are_refused(tmp_path, build):
    path = build(tmp_path / ("t.parquet" if build is nested_parquet else "t.jsonl"))
    with pytest.raises(LimitExceeded) as caught:
        read_table(path)
    assert "'tags'" in str(caught.value) and "nested" in str(caught.value)


@pytest.mark.parametrize("build", [nested_parquet, nested_jsonl], ids=["parquet", "jsonl"])
def test_nested_file_in_the_cli_exits_2_with_one_line(tmp_path, build):
    path = build(tmp_path / ("t.parquet" if build is nested_parquet else "t.jsonl"))
    done = subprocess.run(
        [sys.executable, "-m", "synth", "profile", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "nested" in lines[0] and "Traceback" not in done.stderr


def test_deeply_nested_json_is_refused_not_a_crash():
    data = ('{"a": ' * 5000 + "1" + "}" * 5000 + "\n").encode()
    with pytest.raises(LimitExceeded) as caught:
        read_table(data, "deep.jsonl")
    assert "nested too deeply" in str(caught.value)


def test_file_names_lose_control_and_bidi_characters():
    assert clean_filename("report\ngpj\u202e.csv") == "reportgpj.csv"
    assert clean_filename("../../etc/\u2066passwd\u2069.csv") == "passwd.csv"
    assert clean_filename("C:\\Users\\me\\data.xlsx") == "data.xlsx"
    assert clean_filename("\u200f\n") == "upload"


def test_read_table_reports_the_cleaned_name():
    result = read_table(b"a,b\n1,2\n3,4\n", "evil\r\nname\u202e.csv")
    assert result.filename == "evilname.csv"


def test_profiling_a_column_of_long_cells_tests_a_sample_only():
    from synth.profile.values import TESTED_CHARS, present_sample

    column = pd.Series(["w " * 200_000] * 3000)
    sample = present_sample(column)
    assert len(sample) == 2000 and sample.str.len().max() == TESTED_CHARS
