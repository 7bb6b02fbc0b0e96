"""Check delimited text row by row before it is parsed: the header, each row's width, the limits.

pandas fills a short row with missing values and stops at a long one without saying which
other lines are wrong, so the rows are counted here first, and every ragged row is counted
and the first few named by line. Plain text (no quotes, carriage returns or NUL) is checked
by counting delimiters per line; anything else, and any problem, goes through the csv
module, which gives the line numbers and messages.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from synth.i18n import Msg, joined
from synth.intake.limits import IntakeLimits

# Ragged rows are counted in full, but only the first few are named in the message.
RAGGED_SHOWN = 5
# How often (in rows) the cell count is checked while reading.
CHECK_EVERY = 10_000
# One line and its ending, as ``open(..., newline="")`` splits them: \r\n, \r or \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# Text without these characters is plain: a row is a line, its fields are the pieces between
# delimiters. The csv module gives quotes, carriage returns and NUL a meaning of their own.
_CSV_SPECIAL = ('"', "\r", "\x00")
# Characters of plain text split into lines at a time, so the split copy stays small.
_PLAIN_BLOCK_CHARS = 1 << 20


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time.

    ``io.StringIO`` would first copy the whole text at four bytes a character (200 MB for a
    50 MB file); here only the current line is copied.
    """
    for match in _LINE.finditer(text):
        yield match.group()


def scan_rows(text: str, delimiter: str, limits: IntakeLimits) -> tuple[list[str], Msg | None, int]:
    """Return the raw header, a problem naming ragged rows (or None) and the data-row count.

    Plain text whose rows all have the header's width is scanned by counting delimiters per
    line, many times faster than the csv module; anything else (quotes, ragged rows, a line
    longer than the cell limit) is scanned with the csv module, which names lines and problems.
    """
    plain = _scan_plain_rows(text, delimiter, limits)
    return plain if plain is not None else _scan_rows_with_csv(text, delimiter, limits)


def _scan_plain_rows(text: str, delimiter: str, limits: IntakeLimits) -> tuple[list[str], None, int] | None:
    """What ``_scan_rows_with_csv`` returns, for plain text of rows as wide as the header; else None.

    In plain text the csv module's record is the line split at the delimiter (spaces after a
    delimiter dropped), so a line has one field more than delimiters, and a line no longer
    than the cell limit cannot hold a cell over it. Each block of lines is checked before its
    rows count towards the cell limit, so a limit is raised exactly where the csv scan would
    raise it; any line this cannot vouch for sends the whole text to the csv scan.
    """
    if any(special in text for special in _CSV_SPECIAL):
        return None
    header: list[str] = []
    n_rows = 0
    for lines in _plain_line_blocks(text, limits.max_cell_chars):
        if lines is None or max(map(len, lines)) > limits.max_cell_chars:
            return None
        counts = [line.count(delimiter) for line in lines]
        start = 0
        if not header:
            start = _first_row(lines, counts)
            if start == len(lines):
                continue
            header = _plain_fields(lines[start], delimiter, limits.max_cell_chars)
            limits.check_columns(len(header))
            start += 1
        rows = _plain_rows(lines[start:], counts[start:], len(header) - 1)
        if rows is None:
            return None
        for checked in range(n_rows - n_rows % CHECK_EVERY + CHECK_EVERY, n_rows + rows + 1, CHECK_EVERY):
            limits.check_cells(checked, len(header))
        n_rows += rows
    limits.check_cells(n_rows, len(header))
    return header, None, n_rows


def _plain_line_blocks(text: str, max_line: int) -> Iterator[list[str] | None]:
    """The text's lines, without their newlines, in blocks of about a megabyte.

    Yields None instead of a block whose last line is already known to be longer than
    ``max_line``, so a file with one huge cell is not copied to find that out.
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PLAIN_BLOCK_CHARS)
        if end < 0:
            # The final newline ends the last line; it does not begin an empty one.
            end = len(text) - 1 if text.endswith("\n") else len(text)
        if end - (start + _PLAIN_BLOCK_CHARS) > max_line:
            yield None
            return
        yield text[start:end].split("\n")
        start = end + 1


def _plain_fields(line: str, delimiter: str, max_cell_chars: int) -> list[str]:
    """The line's fields as the csv scan reads them (the line is no longer than the cell limit)."""
    previous_limit = csv.field_size_limit(max_cell_chars)
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))
    finally:
        csv.field_size_limit(previous_limit)


def _first_row(lines: list[str], counts: list[int]) -> int:
    """Index of the first line that is not blank (``len(lines)`` when all are)."""
    for index, (line, count) in enumerate(zip(lines, counts)):
        if count or line.strip():
            return index
    return len(lines)


def _plain_rows(lines: list[str], counts: list[int], delimiters: int) -> int | None:
    """Number of rows among ``lines`` (blank lines are skipped); None when one has another width."""
    if delimiters and counts.count(delimiters) == len(counts):
        return len(counts)
    rows = 0
    for line, count in zip(lines, counts):
        if not count and not line.strip():
            continue
        if count != delimiters:
            return None
        rows += 1
    return rows


def _scan_rows_with_csv(text: str, delimiter: str, limits: IntakeLimits) -> tuple[list[str], Msg | None, int]:
    """``_scan_rows`` with the csv module: any text, every problem named with its line.

    ``skipinitialspace`` matches how the data is then read: a space after a delimiter is
    layout (``a, b``), not part of the value. The csv module's field limit is the cell limit,
    so an overlong cell is named as such instead of looking like an open quote.
    """
    reader = csv.reader(_lines(text), delimiter=delimiter, skipinitialspace=True)
    header: list[str] = []
    ragged: list[Msg] = []
    n_ragged = n_rows = 0
    previous_limit = csv.field_size_limit(limits.max_cell_chars)
    try:
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank line; pandas skips these too
            if not header:
                header = record
                limits.check_columns(len(header))
                continue
            n_rows += 1
            if n_rows % CHECK_EVERY == 0:
                limits.check_cells(n_rows, len(header))
            if len(record) != len(header):
                n_ragged += 1
                if len(ragged) < RAGGED_SHOWN:
                    ragged.append(Msg("line {line} has {fields}", line=reader.line_num, fields=len(record)))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.cell_too_long(Msg("line {line}", line=reader.line_num)) from None
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
    finally:
        csv.field_size_limit(previous_limit)
    limits.check_cells(n_rows, len(header))
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
