"""Every bad-input case of synth.intake: problems are collected and raised once, with a fix."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from synth.errors import InputError
from synth.intake import read_table
from synth.intake.validation import shape_problems


def _problems(source, filename=None, **kwargs) -> list[str]:
    with pytest.raises(InputError) as info:
        read_table(source, filename, **kwargs)
    return info.value.problems


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_empty_file(tmp_path):
    (problem,) = _problems(_write(tmp_path, "e.csv", b""))
    assert "empty" in problem and "header row" in problem


def test_whitespace_only_file_is_empty(tmp_path):
    (problem,) = _problems(_write(tmp_path, "e.csv", "\n\n  \n"))
    assert "empty" in problem


def test_header_only(tmp_path):
    (problem,) = _problems(_write(tmp_path, "h.csv", "a,b,c\n"))
    assert "no data rows" in problem and "add the data rows" in problem


def test_single_data_row(tmp_path):
    (problem,) = _problems(_write(tmp_path, "one.csv", "a,b\n1,2\n"))
    assert "only one data row" in problem and "at least two" in problem


def test_duplicate_names_found_on_raw_header(tmp_path):
    (problem,) = _problems(_write(tmp_path, "d.csv", "a,b,a,c,c\n1,2,3,4,5\n6,7,8,9,0\n"))
    assert "'a' (2 times)" in problem and "'c' (2 times)" in problem and "rename" in problem


def test_blank_column_name(tmp_path):
    (problem,) = _problems(_write(tmp_path, "b.csv", "a, ,c\n1,2,3\n4,5,6\n"))
    assert "no name (position 2)" in problem


def test_entirely_empty_column(tmp_path):
    (problem,) = _problems(_write(tmp_path, "n.csv", "a,b,c\n1,,x\n2,NA,y\n3,?,z\n"))
    assert "'b'" in problem and "no values at all" in problem


def test_ragged_rows_name_their_lines(tmp_path):
    text = "a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n"
    (problem,) = _problems(_write(tmp_path, "r.csv", text))
    assert "2 rows do not have the header's 3 fields" in problem
    assert "line 3 has 2" in problem and "line 5 has 4" in problem
    assert "quote values that contain the delimiter" in problem


def test_many_ragged_rows_are_counted_but_only_a_few_named(tmp_path):
    text = "a,b\n" + "1,2,3\n" * 8 + "1,2\n"
    (problem,) = _problems(_write(tmp_path, "r.csv", text))
    assert "8 rows" in problem and "and 3 more rows" in problem


def test_binary_content_in_a_csv(tmp_path):
    (problem,) = _problems(_write(tmp_path, "bin.csv", b"\x00\x01\x02\x89PNG\x00" * 50))
    assert "binary" in problem and ".parquet" in problem


def test_binary_content_without_known_extension(tmp_path):
    (problem,) = _problems(_write(tmp_path, "blob.dat", b"\x7fELF\x00\x00\x01" * 40))
    assert "binary" in problem


def test_unreadable_excel(tmp_path):
    (problem,) = _problems(_write(tmp_path, "broken.xlsx", b"PK\x03\x04 this is not a workbook"))
    assert "Excel file cannot be read" in problem and "save it again as .xlsx" in problem


def test_zip_that_is_not_a_workbook(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    (problem,) = _problems(buffer.getvalue(), "book.xlsx")
    assert "Excel file cannot be read" in problem


def test_corrupt_parquet(tmp_path):
    (problem,) = _problems(_write(tmp_path, "x.parquet", b"PAR1 truncated"))
    assert "Parquet file cannot be read" in problem


def test_jsonl_with_bad_lines(tmp_path):
    (problem,) = _problems(_write(tmp_path, "x.jsonl", '{"a": 1}\nnot json\n{"a": 2}\n[1, 2]\n'))
    assert "line 2" in problem and "line 4" in problem and "one object per line" in problem


def test_over_the_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    path = _write(tmp_path, "big.csv", "a,b\n" + "1,2\n" * 1000)

    def must_not_read(self):
        raise AssertionError("the file was read although it is over the limit")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    (problem,) = _problems(path, max_bytes=100)
    assert "over the limit" in problem and "max_bytes" in problem


def test_over_the_size_limit_for_uploaded_bytes():
    (problem,) = _problems(b"a,b\n1,2\n3,4\n", "up.csv", max_bytes=5)
    assert "over the limit" in problem


def test_missing_path(tmp_path):
    (problem,) = _problems(tmp_path / "nope.csv")
    assert "no file at" in problem


def test_every_problem_is_reported_together(tmp_path):
    # Duplicate names, a blank name and an empty column in one file: one error, three problems.
    text = "a,a,,d\n1,2,3,\n4,5,6,\n"
    problems = _problems(_write(tmp_path, "many.csv", text))
    assert len(problems) == 3
    joined = " | ".join(problems)
    assert "more than once" in joined and "no name" in joined and "no values at all" in joined


def test_excel_duplicate_header_detected_before_pandas_renames(tmp_path):
    path = tmp_path / "dup.xlsx"
    pd.DataFrame([["a", "a", "b"], [1, 2, 3], [4, 5, 6]]).to_excel(path, index=False, header=False)
    (problem,) = _problems(path)
    assert "'a' (2 times)" in problem


def test_compas_duplicate_header_names(datasets_dir):
    path = datasets_dir / "compas-scores-two-years.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    problems = _problems(path)
    assert any("'decile_score' (2 times)" in p and "'priors_count' (2 times)" in p for p in problems)


def test_empty_columns_are_those_whose_every_cell_is_missing():
    frame = pd.DataFrame(
        {
            "all nan": [float("nan")] * 3,
            "nan first": [float("nan"), None, "x"],
            "value first": ["x", None, None],
            "none and nat": pd.Series([None, pd.NaT, pd.NA], dtype=object),
            "empty text": ["", "", ""],
            "string na": pd.array([None, None, None], dtype="string"),
            "string later": pd.array([None, None, "a"], dtype="string"),
            "floats": [float("nan"), float("nan"), 0.0],
        }
    )
    empty = [str(c) for i, c in enumerate(frame.columns) if frame.iloc[:, i].isna().all()]
    listed = ", ".join(f"'{c}'" for c in empty)
    assert shape_problems(list(frame.columns), frame) == [
        f"column(s) {listed} have no values at all; remove them or fill them in"
    ]
