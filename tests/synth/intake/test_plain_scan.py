"""The delimiter-counting scan of plain CSV text gives what the csv-module scan gives, or stands aside.

``_scan_rows_with_csv`` is the reference: on every text below, ``scan_rows`` must return the same
header, problem and row count, or raise the same limit, whichever path it takes.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from synth.errors import InputError, LimitExceeded
from synth.intake import IntakeLimits, read_table, row_scan
from synth.intake.row_scan import _scan_plain_rows, _scan_rows_with_csv, scan_rows

TRICKY = [
    "a,b\n1,2\n3,4\n",
    "a,b\n1,2\n3,4",  # no newline at the end
    "\n\n a , b\n1,2\n\n3,4\n\n\n",  # blank lines before, between and after
    "a,b\n  \n\t\n1,2\n \x0c\u2028\n3,4\n",  # whitespace-only lines are blank
    "a,b\n , \n1,2\n",  # spaces and a delimiter are a row of two empty fields
    "a,b,\n1,2,\n3,4,\n",  # trailing delimiter: an empty last column
    "a, b,  c\n1,  2, 3\n4,5,6\n",  # spaces after delimiters
    "a,b\n1,2,3\n4\n5,6\n7,8,9,10\n1,2\n1\n1\n1\n1\n",  # ragged rows, more than are named
    "a,b\n1\n",
    'a,b\n1,"x,y"\n2,z\n',  # quotes
    'a,b\n1,"open\n2,z\n',  # an open quote
    'a,b\n1,x"y\n',  # a quote inside a value
    "a,b\r\n1,2\r\n3,4\r\n",  # CRLF
    "a,b\r1,2\r3,4\r",  # CR
    "a,b\n1,2\r\n3,4\n",  # mixed endings
    "a,b\n1,x\x00y\n",  # NUL
    "a\n1\n\n2\n  \n3\n",  # one column: blank lines are still skipped
    "a\tb\n1\t2\n3\t4\n",
    "a,b\n1,\u00e9\u4e2d\n2,\u00fc\n",
    "a,b\n",  # header only
    "\n\n\n",
    "",
    "   ",
    "a,b\n1,\t\t\t\t\t\t\t\t\t\t\t\t\n",  # tabs are part of a value, spaces after a delimiter are not
    "a,b\n1,            x\n",
    "\t\t\t\t\t\t\t\t\t\t\t\t\na,b\n1,2\n",  # a long "blank" line of tabs before the header
]
LIMITS = [
    IntakeLimits(),
    IntakeLimits(max_cell_chars=4),
    IntakeLimits(max_cell_chars=8),
    IntakeLimits(max_columns=2),
    IntakeLimits(max_cells=6),
]


def _outcome(scan, text: str, delimiter: str, limits: IntakeLimits):
    try:
        header, problem, n_rows = scan(text, delimiter, limits)
    except LimitExceeded as exc:
        return "raised", str(exc)
    return header, None if problem is None else (str(problem), problem.msgid), n_rows


def _plain_scan_or_none(text: str, delimiter: str, limits: IntakeLimits):
    return _scan_plain_rows(text, delimiter, limits) or (None, None, None)


@pytest.fixture(params=[1 << 20, 1, 7], ids=["one-block", "blocks-of-a-line", "blocks-of-7"])
def block_chars(request, monkeypatch):
    monkeypatch.setattr(row_scan, "_PLAIN_BLOCK_CHARS", request.param)
    return request.param


@pytest.mark.parametrize("limits", LIMITS, ids=range(len(LIMITS)))
@pytest.mark.parametrize("text", TRICKY)
def test_scan_matches_the_csv_module_on_tricky_text(text, limits, block_chars):
    delimiter = "\t" if "\t" in text.split("\n", 1)[0] and "," not in text else ","
    expected = _outcome(_scan_rows_with_csv, text, delimiter, limits)
    assert _outcome(scan_rows, text, delimiter, limits) == expected
    # The plain scan alone either stands aside or gives the reference's outcome itself.
    assert _outcome(_plain_scan_or_none, text, delimiter, limits) in ((None, None, None), expected)


def test_plain_text_takes_the_plain_scan():
    text = "a,b\n\n1,2\n 3, 4\n"
    assert _scan_plain_rows(text, ",", IntakeLimits()) == (["a", "b"], None, 2)


@pytest.mark.parametrize(
    "text", ['a,b\n1,"2"\n', "a,b\r\n1,2\r\n", "a,b\n1,2,3\n", "a,b\n1,2345678\n", "a,b\n1,\x00\n"]
)
def test_text_the_plain_scan_cannot_vouch_for_goes_to_the_csv_module(text):
    assert _scan_plain_rows(text, ",", IntakeLimits(max_cell_chars=5)) is None


@pytest.mark.parametrize("block", [1 << 20, 5, 64])
@pytest.mark.parametrize(
    ("rows", "max_cells"),
    [(25_000, 40_000), (25_000, 49_999), (25_000, 50_000), (19_999, 39_000), (30_000, 60_000)],
)
def test_cell_limit_is_raised_at_the_same_row_count(rows, max_cells, block, monkeypatch):
    monkeypatch.setattr(row_scan, "_PLAIN_BLOCK_CHARS", block)
    text = "a,b\n" + "1,2\n" * rows
    limits = IntakeLimits(max_cells=max_cells)
    assert _outcome(scan_rows, text, ",", limits) == _outcome(_scan_rows_with_csv, text, ",", limits)


def test_a_line_longer_than_the_cell_limit_is_not_copied_to_be_measured(monkeypatch):
    monkeypatch.setattr(row_scan, "_PLAIN_BLOCK_CHARS", 16)
    text = "id,note\n1,short\n2," + "x" * 1000 + "\n3,short\n"
    assert list(row_scan._plain_line_blocks(text, 100))[-1] is None
    limits = IntakeLimits(max_cell_chars=100)
    assert _outcome(scan_rows, text, ",", limits) == _outcome(_scan_rows_with_csv, text, ",", limits)
    assert _outcome(scan_rows, text, ",", limits)[0] == "raised"


@pytest.mark.parametrize("seed", range(300))
def test_scan_matches_the_csv_module_on_random_text(seed, monkeypatch):
    rng = random.Random(seed)
    monkeypatch.setattr(row_scan, "_PLAIN_BLOCK_CHARS", rng.choice([1, 3, 10, 1 << 20]))
    # Mostly plain text with rows of three fields, so the plain scan is taken as well as left.
    alphabet = "ab1 ,,\n\n\t" + ('"' if rng.random() < 0.2 else "") + ("\r" if rng.random() < 0.2 else "")
    rows, odd_rows = ["a,b,c"], rng.choice([0.0, 0.02, 0.2])
    for _ in range(rng.randint(0, 30)):
        if rng.random() >= odd_rows:
            rows.append(",".join("".join(rng.choices("ab1 \t", k=rng.randint(0, 4))) for _ in range(3)))
        else:
            rows.append("".join(rng.choices(alphabet, k=rng.randint(0, 8))))
    text = "\n".join(rows) + rng.choice(["", "\n", "\n\n"])
    limits = IntakeLimits(
        max_cell_chars=rng.choice([3, 5, 12, 1_000_000]),
        max_columns=rng.choice([2, 3, 2000]),
        max_cells=rng.choice([20, 60, 10_000_000]),
    )
    assert _outcome(scan_rows, text, ",", limits) == _outcome(_scan_rows_with_csv, text, ",", limits)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfid,city\n1,Z\xc3\xbcrich\n2,Gen\xc3\xa8ve\n",  # BOM
        b"id, city ,n\n1, x ,1\n\n2,y , 2\n3,  ?,3\n",
        b"id,note\n1," + b"x" * 5000 + b"\n2,short\n",
        b"id,note,\n1,a,\n2,b,\n",
    ],
)
def test_read_table_reads_plain_files_as_the_csv_scan_does(data, monkeypatch):
    plain = _read_outcome(data)
    monkeypatch.setattr(row_scan, "_scan_plain_rows", lambda *args: None)
    general = _read_outcome(data)
    assert plain[0] == general[0]
    if plain[1] is not None:
        pd.testing.assert_frame_equal(plain[1], general[1])


def _read_outcome(data: bytes):
    try:
        result = read_table(data, "t.csv")
    except InputError as exc:
        return ("refused", str(exc)), None
    return (result.missing_markers, result.encoding, result.delimiter), result.frame
