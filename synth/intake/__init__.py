"""Intake: read a user's table (CSV, TSV, Parquet, Excel, JSON Lines) and validate it.

``read_table`` never changes the user's file. It checks the size before reading, sniffs the
format, encoding and delimiter, turns missing-value markers into NaN (counting them per
column), makes numeric text columns numeric, and raises one ``InputError`` that lists every
problem it found.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg
from synth.intake.limits import IntakeLimits, LimitExceeded
from synth.intake.markers import (
    DEFAULT_MAX_BYTES,
    MISSING_MARKERS,
    mark_missing,
)
from synth.intake.names import clean_filename
from synth.intake.readers import RawTable, read_delimited, read_excel, read_jsonl, read_parquet
from synth.intake.sniffing import UnsupportedFormat, decode_text, detect_format, sniff_delimiter
from synth.intake.validation import header_problems, shape_problems, size_problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MISSING_MARKERS",
    "IntakeLimits",
    "IntakeResult",
    "LimitExceeded",
    "clean_filename",
    "read_table",
    "decode_text",
    "sniff_delimiter",
]


@dataclass(frozen=True)
class IntakeResult:
    """A validated table and how it was read.

    Attributes:
        frame: the table; marker cells are NaN and numeric columns are numeric.
        format: ``csv``, ``tsv``, ``parquet``, ``xlsx`` or ``jsonl``.
        encoding: text encoding (``utf-8``, ``utf-8-sig``, ``gb18030``, ``latin-1``) or None.
        delimiter: field delimiter of CSV/TSV, else None.
        missing_markers: ``{column: {marker: count}}`` for columns where markers were found.
        size_bytes: size of the file as read.
        filename: the file's name, when known.
    """

    frame: pd.DataFrame
    format: str
    encoding: str | None
    delimiter: str | None
    missing_markers: dict[str, dict[str, int]]
    size_bytes: int = 0
    filename: str | None = None

    def missing_marker_total(self) -> int:
        """Number of cells that held a missing-value marker."""
        return sum(sum(markers.values()) for markers in self.missing_markers.values())


def read_table(
    source: str | os.PathLike | bytes,
    filename: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: IntakeLimits | None = None,
) -> IntakeResult:
    """Read and validate a table from a path (CLI) or from bytes plus a file name (upload).

    Args:
        source: a path, or the file's bytes.
        filename: the original file name; its extension picks the format for bytes.
        max_bytes: size limit, checked before the content is read.
        limits: the reading limits (cell length, columns, cells, unpacked size); by default
            from the ``SYNTHREVIEW_MAX_*`` environment variables.

    Raises:
        InputError: listing every problem found, each with how to fix it.
        LimitExceeded: (an ``InputError``) at the first reading limit the file goes over.
    """
    limits = limits or IntakeLimits.from_env()
    data, filename = _load_bytes(source, filename, max_bytes)
    filename = clean_filename(filename) if filename else filename
    try:
        fmt = detect_format(data[:8192], filename)
    except UnsupportedFormat as exc:
        raise InputError(exc.problems) from None  # its Msg, so the page can translate it
    raw = _READERS[fmt](data, limits)
    marked = None if raw.frame is None else mark_missing(raw.frame)
    frame = None if marked is None else marked.frame
    problems = list(raw.problems) + header_problems(raw.header)
    if not raw.problems:
        problems += shape_problems(raw.header, frame)
    if problems:
        raise InputError(problems)
    assert marked is not None  # a reader without a frame gave problems, or shape_problems did
    if fmt in ("csv", "tsv"):
        fmt = "tsv" if raw.delimiter == "\t" else "csv"
    return IntakeResult(
        frame=marked.with_numbers(),
        format=fmt,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        missing_markers=marked.markers,
        size_bytes=len(data),
        filename=filename,
    )


def _load_bytes(
    source: str | os.PathLike | bytes, filename: str | None, max_bytes: int
) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = len(source)
        _check_size(size, max_bytes)
        return bytes(source), filename
    path = Path(source)
    if not path.exists():
        raise InputError([Msg("no file at {path}; check the path and the spelling", path=str(path))])
    if not path.is_file():
        raise InputError(
            [
                Msg(
                    "{path} is not a file; give the path of a .csv, .tsv, .parquet, .xlsx or .jsonl file",
                    path=str(path),
                )
            ]
        )
    _check_size(path.stat().st_size, max_bytes)
    return path.read_bytes(), filename or path.name


def _check_size(size: int, max_bytes: int) -> None:
    too_big = size_problem(size, max_bytes)
    if too_big:
        raise InputError([too_big])
    if size == 0:
        raise InputError(
            [N_("the file is empty (0 bytes); upload a table with a header row and at least two data rows")]
        )


def _read_delimited_as(fmt: str) -> Callable[[bytes, IntakeLimits], RawTable]:
    return lambda data, limits: read_delimited(data, fmt, limits)


_READERS: dict[str, Callable[[bytes, IntakeLimits], RawTable]] = {
    "csv": _read_delimited_as("csv"),
    "tsv": _read_delimited_as("tsv"),
    "parquet": read_parquet,
    "xlsx": read_excel,
    "jsonl": read_jsonl,
}
