"""The CSV scan splits lines exactly as a file opened with ``newline=""`` does, without copying
the whole text first; the csv module reading ``io.StringIO`` is the reference. The values read
are the strings pandas reads with ``dtype=str``."""

from __future__ import annotations

import csv
import io
import random

import pandas as pd
import pytest

from synth.intake import IntakeLimits, read_table
from synth.intake.readers import read_delimited
from synth.intake.row_scan import _lines

TEXTS = [
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\r1,2\r3,4\r",
    "a,b\n1,2\n3,4",  # no newline at the end
    'a,b\n1,"two\nlines"\n3,"cr\r\nlf"\n',  # line breaks inside quoted values
    "a,b\n\n1,2\n\r\n3,4\n",  # blank lines
    "a,b\n1,\u00e9\u4e2d\n",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lines_are_split_as_the_csv_module_expects(text):
    assert "".join(_lines(text)) == text
    assert list(csv.reader(_lines(text))) == list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("id,city\n1,Zürich\n2,Köln\n".encode("latin-1"), "latin-1"),
        ("编号,城市\n1,北京\n2,上海\n3,广州\n".encode("gb18030"), "gb18030"),
        (b"\xef\xbb\xbf" + "id,city\n1,Zürich\n2,Genève\n".encode(), "utf-8-sig"),
        ("id,city\r\n1,Zürich\r\n2,Genève\r\n".encode(), "utf-8"),
    ],
)
def test_values_are_read_with_the_encoding_that_decoded_the_text(data, encoding):
    result = read_table(data, "t.csv")
    text = data.decode(encoding)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert result.encoding == encoding
    assert list(result.frame.columns) == expected[0]
    assert result.frame.astype(str).values.tolist() == expected[1:]


@pytest.mark.parametrize("seed", range(60))
def test_delimited_values_are_the_strings_pandas_reads_with_dtype_str(seed):
    rng = random.Random(seed)
    cells = ["a", "", " b", '"q,1"', '"x""y"', "1", " ?", "é", '"two\nlines"', "NA"]
    lines = [",".join(rng.choice(cells) for _ in range(3)) for _ in range(rng.randint(2, 12))]
    ending = rng.choice(["\n", "\r\n"])
    data = ("h1,h2,h3" + ending + ending.join(lines) + rng.choice(["", ending])).encode()
    raw = read_delimited(data, "csv", IntakeLimits())
    if raw.frame is None:
        return
    expected = pd.read_csv(
        io.BytesIO(data),
        encoding="utf-8",
        encoding_errors="replace",
        sep=",",
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skipinitialspace=True,
        header=0,
        names=["_0", "_1", "_2"],
        engine="c",
    )
    expected.columns = raw.frame.columns
    pd.testing.assert_frame_equal(raw.frame, expected, check_exact=True)
    assert [type(v) for v in raw.frame.to_numpy().ravel()] == [type(v) for v in expected.to_numpy().ravel()]
