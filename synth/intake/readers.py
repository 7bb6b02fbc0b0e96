"""Read one format's bytes into a frame of raw values, collecting problems instead of failing.

Every reader returns a ``RawTable``: the header exactly as the file wrote it (pandas renames
duplicates, so duplicate names must be checked on this), the frame, and the problems found.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pandas as pd

from synth.i18n import Msg, joined
from synth.intake.sniffing import decode_text, looks_binary, sniff_delimiter

# Ragged rows are counted in full, but only the first few are named in the message.
_RAGGED_SHOWN = 5


@dataclass
class RawTable:
    """What a reader got out of the bytes before markers and types are handled."""

    header: list[str]
    frame: pd.DataFrame | None
    problems: list[str] = field(default_factory=list)  # Msg texts (see synth.i18n)
    encoding: str | None = None
    delimiter: str | None = None


def read_delimited(data: bytes, fmt: str) -> RawTable:
    """Read CSV or TSV bytes: sniff encoding and delimiter, check row widths, keep values as text."""
    if looks_binary(data[:8192]):
        return RawTable([], None, [_binary_problem(fmt)])
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text, default="\t" if fmt == "tsv" else ",")
    fmt_name = "TSV" if delimiter == "\t" else "CSV"
    header, widths_problem, n_rows = _scan_rows(text, delimiter)
    table = RawTable(header, None, encoding=encoding, delimiter=delimiter)
    if widths_problem:
        table.problems.append(widths_problem)
        return table
    if not header or n_rows == 0:
        return table
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
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


def _scan_rows(text: str, delimiter: str) -> tuple[list[str], Msg | None, int]:
    """Return the raw header, a problem naming ragged rows (or None) and the data-row count.

    ``skipinitialspace`` matches how the data is then read: a space after a delimiter is
    layout (``a, b``), not part of the value.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    header: list[str] = []
    ragged: list[Msg] = []
    n_ragged = n_rows = 0
    try:
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank line; pandas skips these too
            if not header:
                header = record
                continue
            n_rows += 1
            if len(record) != len(header):
                n_ragged += 1
                if len(ragged) < _RAGGED_SHOWN:
                    ragged.append(Msg("line {line} has {fields}", line=reader.line_num, fields=len(record)))
    except csv.Error as exc:
        return (
            header,
            Msg(
                "line {line} cannot be parsed ({error}); close the open quote or remove the stray "
                "quote character on that line",
                line=reader.line_num,
                error=str(exc),
            ),
            n_rows,
        )
    if not n_ragged:
        return header, None, n_rows
    lines = joined(ragged, "; ")
    if n_ragged == 1:
        problem = Msg(
            "1 row does not have the header's {fields} fields ({lines}); fix those lines so every row "
            "has one value per column (quote values that contain the delimiter)",
            fields=len(header),
            lines=lines,
        )
    elif n_ragged > len(ragged):
        problem = Msg(
            "{n} rows do not have the header's {fields} fields ({lines} and {more} more rows); fix those "
            "lines so every row has one value per column (quote values that contain the delimiter)",
            n=n_ragged,
            fields=len(header),
            lines=lines,
            more=n_ragged - len(ragged),
        )
    else:
        problem = Msg(
            "{n} rows do not have the header's {fields} fields ({lines}); fix those lines so every row "
            "has one value per column (quote values that contain the delimiter)",
            n=n_ragged,
            fields=len(header),
            lines=lines,
        )
    return header, problem, n_rows


def read_parquet(data: bytes) -> RawTable:
    """Read Parquet bytes with pyarrow."""
    try:
        import pyarrow.parquet as pq

        arrow = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several unrelated types for corrupt input
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
    header = [str(n) for n in arrow.column_names]
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


def read_excel(data: bytes) -> RawTable:
    """Read the first sheet of an .xlsx workbook with openpyxl; the first row is the header."""
    try:
        raw = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object, engine="openpyxl")
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
    raw = raw.dropna(how="all").dropna(axis=1, how="all") if raw.size else raw
    if raw.empty:
        return RawTable([], None)
    header = ["" if pd.isna(v) else str(v) for v in raw.iloc[0]]
    frame = raw.iloc[1:].reset_index(drop=True)
    frame.columns = [h.strip() for h in header]
    frame = frame.infer_objects()
    return RawTable(header, frame)


def read_jsonl(data: bytes) -> RawTable:
    """Read JSON Lines (one JSON object per line); a JSON array of objects is accepted too."""
    if looks_binary(data[:8192]):
        return RawTable([], None, [_binary_problem("jsonl")])
    text, encoding = decode_text(data)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
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
            :_RAGGED_SHOWN
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
            if isinstance(record, dict):
                records.append(record)
            elif len(bad_lines) < _RAGGED_SHOWN:
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
    header: list[str] = []
    seen: set[str] = set()
    for record in records:
        for key in record:
            if key not in seen:
                seen.add(key)
                header.append(str(key))
    frame = pd.DataFrame.from_records(records, columns=header) if records else None
    if frame is not None:
        # JSON numbers are already numbers; nested values are kept as their JSON text.
        for name in frame.columns:
            nested = frame[name].map(lambda v: isinstance(v, (dict, list)))
            if nested.any():
                frame[name] = frame[name].where(~nested, frame[name][nested].map(json.dumps))
    return RawTable(header, frame, encoding=encoding)


def _binary_problem(fmt: str) -> Msg:
    return Msg(
        "the file is named as {format} but holds binary content; upload the table itself as "
        ".csv, .tsv, .parquet, .xlsx or .jsonl",
        format=fmt.upper(),
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
