"""The CSV scan splits lines exactly as a file opened with ``newline=""`` does, without copying
the whole text first; the csv module reading ``io.StringIO`` is the reference."""

from __future__ import annotations

import csv
import io

import pytest

from synth.intake import read_table
from synth.intake.readers import _lines

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
