"""Delimiter, encoding and format sniffing of synth.intake."""

from __future__ import annotations

import pytest

from synth.errors import InputError
from synth.intake import read_table
from synth.intake.sniffing import decode_text, detect_format, sniff_delimiter

ROWS = [
    ["name", "city", "note"],
    ["Ann", "Paris", "a, b; c | d"],
    ["Bob", "Rome", "plain"],
    ["Cy", "Oslo", "x"],
]


def _delimited(delimiter: str) -> str:
    # Quote every field so the other candidate delimiters inside values must be ignored.
    return "\n".join(delimiter.join(f'"{v}"' for v in row) for row in ROWS) + "\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_sniffed_with_quoted_fields(tmp_path, delimiter):
    path = tmp_path / "t.csv"
    path.write_text(_delimited(delimiter), encoding="utf-8")
    result = read_table(path)
    assert result.delimiter == delimiter
    assert list(result.frame.columns) == ROWS[0]
    assert result.frame.loc[0, "note"] == "a, b; c | d"
    assert result.format == ("tsv" if delimiter == "\t" else "csv")


def test_sniff_delimiter_prefers_consistent_split():
    text = "a;b;c\n1,5;2;3\n4;5,5;6\n"
    assert sniff_delimiter(text) == ";"


CHINESE = "姓名,城市,年龄\n张伟,北京,30\n王芳,上海,25\n李娜,广州,41\n"


def test_gbk_chinese_comes_through_intact(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(CHINESE.encode("gbk"))
    result = read_table(path)
    assert result.encoding == "gb18030"
    assert list(result.frame.columns) == ["姓名", "城市", "年龄"]
    assert result.frame["城市"].tolist() == ["北京", "上海", "广州"]
    assert result.frame["年龄"].tolist() == [30, 25, 41]


def test_utf8_bom_chinese_comes_through_intact(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(CHINESE.encode("utf-8-sig"))
    result = read_table(path)
    assert result.encoding == "utf-8-sig"
    # The BOM must not stick to the first column's name.
    assert list(result.frame.columns) == ["姓名", "城市", "年龄"]
    assert result.frame["姓名"].tolist() == ["张伟", "王芳", "李娜"]


def test_plain_utf8(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes(CHINESE.encode("utf-8"))
    assert read_table(path).encoding == "utf-8"


def test_latin1_is_not_mistaken_for_gbk():
    # "Zürich" and "Müller" also decode as GB18030, into rare characters.
    text = "name,city\nMüller,Zürich\nJosé,Málaga\nSøren,Århus\n"
    decoded, encoding = decode_text(text.encode("latin-1"))
    assert encoding == "latin-1"
    assert decoded == text


def test_bytes_with_filename_use_the_extension():
    data = b"a\tb\n1\t2\n3\t4\n"
    result = read_table(data, "upload.tsv")
    assert result.format == "tsv"
    assert result.frame.to_dict("list") == {"a": [1, 3], "b": [2, 4]}


def test_detect_format_by_magic_bytes_without_extension():
    assert detect_format(b"PAR1\x15\x04", None) == "parquet"
    assert detect_format(b"PK\x03\x04rest", "upload") == "xlsx"
    assert detect_format(b'{"a": 1}\n', None) == "jsonl"
    assert detect_format(b"a,b\n1,2\n", None) == "csv"


def test_old_excel_extension_is_refused_with_a_fix(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really excel")
    with pytest.raises(InputError, match=r"save it as \.xlsx"):
        read_table(path)
