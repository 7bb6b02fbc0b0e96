"""Read one format's bytes into a frame of raw values, collecting problems instead of failing.

Every reader returns a ``RawTable``: the header exactly as the file wrote it (pandas renames
duplicates, so duplicate names must be checked on this), the frame, and the problems found.
Every reader also enforces ``IntakeLimits`` before and while decoding and raises
``LimitExceeded`` at the first limit crossed, so a hostile file stops early.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pandas as pd

from synth.i18n import N_, Msg, joined
from synth.intake.limits import IntakeLimits, LimitExceeded, nested_columns_problem, too_deep
from synth.intake.row_scan import CHECK_EVERY, RAGGED_SHOWN, scan_rows
from synth.intake.sniffing import decode_text, looks_binary, sniff_delimiter
from synth.intake.unpacking import check_workbook_zip


@dataclass
class RawTable:
    """What a reader got out of the bytes before markers and types are handled."""

    header: list[str]
    frame: pd.DataFrame | None
    problems: list[str] = field(default_factory=list)  # Msg texts (see synth.i18n)
    encoding: str | None = None
    delimiter: str | None = None


def read_delimited(data: bytes, fmt: str, limits: IntakeLimits | None = None) -> RawTable:
    """Read CSV or TSV bytes: sniff encoding and delimiter, check row widths, keep values as text."""
    limits = limits or IntakeLimits()
    if looks_binary(data[:8192]):
        return RawTable([], None, [_binary_problem(fmt)])
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text, default="\t" if fmt == "tsv" else ",")
    fmt_name = "TSV" if delimiter == "\t" else "CSV"
    header, widths_problem, n_rows = scan_rows(text, delimiter, limits)
    del text  # pandas reads the bytes; the decoded copy need not stay alive while it does
    table = RawTable(header, None, encoding=encoding, delimiter=delimiter)
    if widths_problem:
        table.problems.append(widths_problem)
        return table
    if not header or n_rows == 0:
        return table
    try:
        # From the bytes, not the text: a StringIO of the text would hold it again at four bytes
        # a character. The encoding is the one that decoded the text, so the values are the same.
        # With na_filter off every value the parser gives is already a str: dtype=object keeps
        # them as dtype=str would, without the pass over every cell that makes each one a str.
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding=encoding,
            encoding_errors="replace",
            sep=delimiter,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skipinitialspace=True,
            header=0,
            names=[f"_{i}" for i in range(len(header))],
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        table.problems.append(
            Msg(
                "the {format} text could not be parsed ({error}); "
                "check its quotes and delimiters, or save it again from a spreadsheet as CSV UTF-8",
                format=fmt_name,
                error=_first_line(exc),
            )
        )
        return table
    frame.columns = [h.strip() for h in header]
    table.frame = frame
    return table


def read_parquet(data: bytes, limits: IntakeLimits | None = None) -> RawTable:
    """Read Parquet bytes with pyarrow, one row group at a time within the limits."""
    limits = limits or IntakeLimits()
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from synth.intake.parquet_source import parquet_source

        parquet = pq.ParquetFile(parquet_source(data))
        schema = parquet.schema_arrow
    except Exception as exc:  # pyarrow raises several unrelated types for corrupt input
        return _parquet_unreadable(exc)
    header = [str(n) for n in schema.names]
    limits.check_columns(len(header))
    nested = [str(f.name) for f in schema if pa.types.is_nested(f.type)]
    if nested:
        raise nested_columns_problem(nested)
    metadata = parquet.metadata
    limits.check_cells(metadata.num_rows, len(header))
    # Declared sizes refuse an honest big file before any decoding; the running total below
    # refuses a file whose metadata understates them, one row group late at most.
    declared = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
    limits.check_unpacked(declared, "Parquet")
    groups, unpacked = [], 0
    try:
        for i in range(metadata.num_row_groups):
            group = parquet.read_row_group(i)
            unpacked += group.nbytes
            limits.check_unpacked(unpacked, "Parquet")
            _check_arrow_cells(group, limits)
            groups.append(group)
        arrow = pa.concat_tables(groups) if groups else schema.empty_table()
    except LimitExceeded:
        raise
    except Exception as exc:  # noqa: BLE001 - corrupt pages fail with many types
        return _parquet_unreadable(exc)
    try:
        frame = arrow.to_pandas() if len(set(header)) == len(header) else None
    except Exception as exc:  # noqa: BLE001 - same reason as above
        return RawTable(
            header,
            None,
            [
                Msg(
                    "the Parquet columns cannot be converted ({error}); upload it as CSV",
                    error=_first_line(exc),
                )
            ],
        )
    return RawTable(header, frame)


def _check_arrow_cells(table, limits: IntakeLimits) -> None:
    """Refuse a text or binary cell over the cell limit, naming its column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for name, column in zip(table.column_names, table.columns):
        kind = column.type
        if pa.types.is_dictionary(kind):
            column = column.cast(kind.value_type)  # noqa: PLW2901 - the values are what is measured
            kind = column.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            longest = pc.max(pc.utf8_length(column)).as_py()
        elif pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            longest = pc.max(pc.binary_length(column)).as_py()
        else:
            continue
        if longest is not None and longest > limits.max_cell_chars:
            raise limits.cell_too_long(Msg("column '{column}'", column=str(name)))


def _parquet_unreadable(exc: BaseException) -> RawTable:
    return RawTable(
        [],
        None,
        [
            Msg(
                "the Parquet file cannot be read ({error}); export it again, or upload the table as CSV",
                error=_first_line(exc),
            )
        ],
    )


def read_excel(data: bytes, limits: IntakeLimits | None = None) -> RawTable:
    """Read the first sheet of an .xlsx workbook with openpyxl; the first row is the header.

    The zip is checked first (parts, unpacked size, no overlong text run in its XML), then the
    sheet is streamed row by row so the column and cell limits stop a large sheet early.
    """
    limits = limits or IntakeLimits()
    try:
        check_workbook_zip(data, limits)
        rows = _sheet_rows(data, limits)
    except LimitExceeded:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many types for a damaged workbook
        return RawTable(
            [],
            None,
            [
                Msg(
                    "the Excel file cannot be read ({error}); open it in Excel, save it again as .xlsx, "
                    "or save the sheet as CSV",
                    error=_first_line(exc),
                )
            ],
        )
    raw = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    raw = raw.dropna(how="all").dropna(axis=1, how="all") if raw.size else raw
    if raw.empty:
        return RawTable([], None)
    header = ["" if pd.isna(v) else str(v) for v in raw.iloc[0]]
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = [h.strip() for h in header]
    frame = frame.infer_objects()
    return RawTable(header, frame)


def _sheet_rows(data: bytes, limits: IntakeLimits) -> list[list]:
    """The first sheet's values as rows of equal width; empty and error cells are None."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a workbook's stated size may be wrong; read what is there
        rows: list[list] = []
        width = 0
        for cells in sheet.iter_rows():
            row = [_cell_value(cell, limits) for cell in cells]
            if len(row) > width:
                width = len(row)
                limits.check_columns(width)
            rows.append(row)
            if len(rows) % CHECK_EVERY == 0:
                limits.check_cells(len(rows), width)
        limits.check_cells(len(rows), width)
    finally:
        book.close()
    return [row + [None] * (width - len(row)) for row in rows]


def _cell_value(cell, limits: IntakeLimits):
    if getattr(cell, "data_type", None) == "e":
        return None  # #N/A, #DIV/0! and the like are missing values
    value = cell.value
    if isinstance(value, str) and len(value) > limits.max_cell_chars:
        raise limits.cell_too_long(Msg("cell {cell}", cell=str(getattr(cell, "coordinate", ""))))
    if isinstance(value, float) and value.is_integer():
        return int(value)  # Excel stores every number as a float; 39.0 was typed as 39
    return value


def read_jsonl(data: bytes, limits: IntakeLimits | None = None) -> RawTable:
    """Read JSON Lines (one JSON object per line); a JSON array of objects is accepted too.

    Values must be flat: a list or object in any cell is refused, as is a string over the cell
    limit, and the column and cell limits are checked while the records are read.
    """
    limits = limits or IntakeLimits()
    if looks_binary(data[:8192]):
        return RawTable([], None, [_binary_problem("jsonl")])
    text, encoding = decode_text(data)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except RecursionError:
            raise too_deep(N_("the whole file")) from None
        except json.JSONDecodeError as exc:
            return RawTable(
                [],
                None,
                [
                    Msg(
                        "the JSON text is invalid ({error}); fix it or save the table as JSON Lines",
                        error=str(exc),
                    )
                ],
                encoding,
            )
        records = [item for item in items if isinstance(item, dict)]
        bad_lines = [Msg("item {n}", n=i + 1) for i, item in enumerate(items) if not isinstance(item, dict)][
            :RAGGED_SHOWN
        ]
    else:
        records, bad_lines = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            except RecursionError:
                raise too_deep(Msg("line {n}", n=number)) from None
            if isinstance(record, dict):
                records.append(record)
            elif len(bad_lines) < RAGGED_SHOWN:
                bad_lines.append(Msg("line {n}", n=number))
    if bad_lines:
        return RawTable(
            [],
            None,
            [
                Msg(
                    "these entries are not JSON objects: {entries}; write one object per line "
                    'such as {{"age": 39, "sex": "Male"}}',
                    entries=joined(bad_lines),
                )
            ],
            encoding,
        )
    header = _json_header(records, limits)
    frame = pd.DataFrame.from_records(records, columns=header) if records else None
    return RawTable(header, frame, encoding=encoding)


def _json_header(records: list[dict], limits: IntakeLimits) -> list[str]:
    """Column names in order of first appearance; refuses nested and overlong values on the way."""
    header: list[str] = []
    seen: set[str] = set()
    nested: list[str] = []
    for number, record in enumerate(records, start=1):
        for key, value in record.items():
            if key not in seen:
                seen.add(key)
                header.append(str(key))
                limits.check_columns(len(header))
            if isinstance(value, (dict, list)):
                if str(key) not in nested:
                    nested.append(str(key))
            elif isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise limits.cell_too_long(Msg("record {n}, column '{column}'", n=number, column=str(key)))
        if number % CHECK_EVERY == 0:
            limits.check_cells(number, len(header))
    if nested:
        raise nested_columns_problem(nested)
    limits.check_cells(len(records), len(header))
    return header


def _binary_problem(fmt: str) -> Msg:
    return Msg(
        "the file is named as {format} but holds binary content; upload the table itself as "
        ".csv, .tsv, .parquet, .xlsx or .jsonl",
        format=fmt.upper(),
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
