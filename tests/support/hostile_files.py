"""Builders of the security review's hostile table files, for the limit tests and benchmarks.

A shared-strings bomb and a cells ("zip") bomb in .xlsx, a very wide CSV, a CSV with one huge
cell, and Parquet and JSON Lines files with nested columns.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHUNK = 1024 * 1024


def shared_strings_workbook(path: Path, string_chars: int, referencing_rows: int) -> Path:
    """An .xlsx whose column B refers, in every data row, to one shared string of ``string_chars``.

    Row 1 is the header (``id``, ``note``); the string is written in chunks so that building a
    200 MB string costs no memory, and it deflates about 1000 to 1.
    """
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    for r in range(2, referencing_rows + 2):
        rows.append(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>2</v></c></row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN_NS}" count="3" uniqueCount="3">'
                "<si><t>id</t></si><si><t>note</t></si><si><t>".encode()
            )
            left = string_chars
            block = b"A" * _CHUNK
            while left > 0:
                part.write(block[: min(left, _CHUNK)])
                left -= _CHUNK
            part.write(b"</t></si></sst>")
    return path


def cells_bomb_workbook(path: Path, rows: int) -> Path:
    """An .xlsx whose sheet holds ``rows`` rows of 20 numeric cells, written as repeated XML.

    Repetition deflates very well: a file of a few hundred KB unpacks to hundreds of MB, and
    parsing it whole into Python objects would take many GB.
    """
    cells = "<c><v>1</v></c>" * 20
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.replace(
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
                "",
            ),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.split('<Relationship Id="rId2"')[0] + "</Relationships>",
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}"><sheetData>'.encode()
            )
            # Row and cell references are omitted (both optional), so every row is the same bytes.
            row = f"<row>{cells}</row>".encode()
            batch = row * 1000
            for _ in range(rows // 1000):
                part.write(batch)
            part.write(b"</sheetData></worksheet>")
    return path


def wide_csv(path: Path, columns: int, rows: int) -> Path:
    """A CSV of ``columns`` numeric columns (``c0``, ``c1``, ...) and ``rows`` rows of ones."""
    row = ",".join("1" for _ in range(columns))
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(f"c{i}" for i in range(columns)) + "\n")
        for _ in range(rows):
            out.write(row + "\n")
    return path


def long_cell_csv(path: Path, cell_chars: int) -> Path:
    """A CSV (``id``, ``note``) whose third line holds one cell of ``cell_chars`` characters."""
    with path.open("w", encoding="utf-8") as out:
        out.write("id,note\n1,short\n2,")
        left = cell_chars
        while left > 0:
            out.write("x" * min(left, _CHUNK))
            left -= _CHUNK
        out.write("\n3,short\n")
    return path


def nested_parquet(path: Path) -> Path:
    """A Parquet file with a list column (``tags``) and a struct column (``who``)."""
    table = pa.table(
        {"id": [1, 2, 3], "tags": [["a"], ["b", "c"], []], "who": [{"x": 1}, {"x": 2}, {"x": 3}]}
    )
    pq.write_table(table, path)
    return path


def nested_jsonl(path: Path) -> Path:
    """A JSON Lines file whose ``tags`` field holds a list in every record."""
    rows = [{"id": i, "tags": ["a", "b"], "size": i * 2} for i in range(3)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def probe_files(folder: Path) -> dict[str, Path]:
    """The security review's hostile files, built in ``folder``, by what they are."""
    return {
        "xlsx shared-strings bomb (200 MB string x 20 cells)": shared_strings_workbook(
            folder / "bomb.xlsx", 200 * 1024 * 1024, 20
        ),
        "xlsx cells bomb (1M rows x 20 cells, about 300 MB unpacked)": cells_bomb_workbook(
            folder / "cells.xlsx", 1_000_000
        ),
        "csv with 10,000 columns x 500 rows": wide_csv(folder / "wide.csv", 10_000, 500),
        "csv with a 50 MB cell": long_cell_csv(folder / "cell.csv", 50 * 1024 * 1024),
        "parquet with nested columns": nested_parquet(folder / "nested.parquet"),
        "jsonl with a nested field": nested_jsonl(folder / "nested.jsonl"),
    }
