"""Reading each supported format, missing-value markers and numeric conversion."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from synth.intake import MISSING_MARKERS, read_table

TABLE = pd.DataFrame(
    {"age": [39, 50, 38, 53], "sex": ["Male", "Female", "Male", "Female"], "w": [1.5, 2.0, 2.5, 3.0]}
)


def test_parquet_round_trip(tmp_path):
    path = tmp_path / "t.parquet"
    TABLE.to_parquet(path)
    result = read_table(path)
    assert result.format == "parquet" and result.encoding is None and result.delimiter is None
    pd.testing.assert_frame_equal(result.frame, TABLE)


def test_xlsx_round_trip_with_marker(tmp_path):
    path = tmp_path / "t.xlsx"
    table = TABLE.astype(object)
    table.loc[1, "age"] = "?"
    table.to_excel(path, index=False)
    result = read_table(path)
    assert result.format == "xlsx"
    assert result.missing_markers == {"age": {"?": 1}}
    assert pd.api.types.is_numeric_dtype(result.frame["age"])
    assert result.frame["age"].isna().tolist() == [False, True, False, False]
    assert result.frame["w"].tolist() == TABLE["w"].tolist()


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in TABLE.to_dict("records")) + "\n", encoding="utf-8")
    result = read_table(path)
    assert result.format == "jsonl"
    pd.testing.assert_frame_equal(result.frame, TABLE)


def test_jsonl_bytes_upload():
    data = b'{"a": 1, "b": "x"}\n{"a": 2, "b": null}\n{"a": 3}\n'
    result = read_table(data, "rows.jsonl")
    assert result.frame["a"].tolist() == [1, 2, 3]
    assert result.frame["b"].isna().tolist() == [False, True, True]


def test_every_marker_is_counted_per_column(tmp_path):
    assert MISSING_MARKERS == ("", "NA", "N/A", "null", "?", "-")
    text = "x,y\n1,a\n,b\nNA,c\nN/A,d\nnull,e\n?,f\n-,g\n 7 ,h\n"
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    result = read_table(path)
    assert result.missing_markers == {"x": {"": 1, "NA": 1, "N/A": 1, "null": 1, "?": 1, "-": 1}}
    assert result.frame["x"].isna().sum() == 6
    assert result.frame["x"].dropna().tolist() == [1, 7]
    assert result.missing_marker_total() == 6


def test_dash_alone_is_missing_but_negative_numbers_are_numbers(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("v\n-5\n-\n-0.5\n3\n", encoding="utf-8")
    result = read_table(path)
    assert result.missing_markers == {"v": {"-": 1}}
    np.testing.assert_array_equal(result.frame["v"].to_numpy(), [-5.0, np.nan, -0.5, 3.0])


def test_marker_with_surrounding_space_as_in_uci_copies(tmp_path):
    path = tmp_path / "adult_like.csv"
    path.write_text("age, workclass\n39, State-gov\n50, ?\n38, Private\n", encoding="utf-8")
    result = read_table(path)
    assert result.missing_markers == {"workclass": {"?": 1}}
    assert result.frame["workclass"].tolist()[0] == "State-gov"


def test_codes_with_leading_zeros_and_long_numbers_stay_text(tmp_path):
    path = tmp_path / "z.csv"
    path.write_text("zip,card,n\n02134,4111111111111111,1\n10001,5500000000000004,2\n", encoding="utf-8")
    frame = read_table(path).frame
    assert frame["zip"].tolist() == ["02134", "10001"]
    assert frame["card"].tolist() == ["4111111111111111", "5500000000000004"]
    assert frame["n"].dtype == np.int64


def test_a_column_becomes_numbers_only_when_pandas_reads_every_value_as_one(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a,b,c,d\n12,1_000,1e3,+2\n13,2,x,-4.5\n", encoding="utf-8")
    frame = read_table(path).frame
    for name in ("a", "d"):  # the oracle: what pandas makes of the column's text
        expected = pd.to_numeric(pd.Series(["12", "13"] if name == "a" else ["+2", "-4.5"]))
        np.testing.assert_array_equal(frame[name].to_numpy(), expected.to_numpy())
    assert frame["b"].tolist() == ["1_000", "2"]  # Python's float() reads 1_000; pandas does not
    assert frame["c"].tolist() == ["1e3", "x"]  # one word keeps the column as text


def test_user_file_is_never_changed(tmp_path):
    path = tmp_path / "keep.csv"
    original = b"a,b\n1,?\n2,NA\n3,x\n"
    path.write_bytes(original)
    read_table(path)
    assert path.read_bytes() == original


def test_adult_reads_with_question_marks_as_missing(adult_path):
    result = read_table(adult_path)
    assert result.frame.shape == (32561, 15)
    for column in ("workclass", "occupation", "native-country"):
        assert result.missing_markers[column] == {"?": int(result.frame[column].isna().sum())}
        assert result.frame[column].isna().sum() > 0
    # Oracle: pandas' own reader told which strings are missing.
    reference = pd.read_csv(adult_path, na_values=["?"], skipinitialspace=True)
    assert result.frame.isna().sum().to_dict() == reference.isna().sum().to_dict()


def test_bank_semicolons_and_quotes(datasets_dir):
    path = datasets_dir / "bank.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    result = read_table(path)
    reference = pd.read_csv(path, sep=";")
    assert result.delimiter == ";"
    pd.testing.assert_frame_equal(result.frame, reference)


def test_excel_bytes_upload():
    buffer = io.BytesIO()
    TABLE.to_excel(buffer, index=False)
    result = read_table(buffer.getvalue(), "upload.xlsx")
    assert result.frame.shape == TABLE.shape
