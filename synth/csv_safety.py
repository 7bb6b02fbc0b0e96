"""CSV that is safe to open in a spreadsheet (OWASP "CSV injection").

Rule: in every column that is not typed as a number, boolean or date, a cell whose text starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote in front, so a
spreadsheet shows it as text instead of running it as a formula. Column names get the same
treatment. Numeric columns are written as plain numbers and left alone: a typed number such as
``-3.5`` cannot carry a formula, and quoting it would turn it into text for every reader.
A text column that happens to hold ``-5`` is still prefixed (``'-5``): its values are strings,
and the safe reading of a string is as text.

Everything that writes CSV for people goes through here: the evidence bundle, the Audit page's
download, and the command line's tables (``synth generate`` and ``synth curate`` rows,
``reviews rank-fit`` scores and reviewer reliabilities). Parquet keeps every value exactly.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from synth.csv_text import csv_text, rendered_cells

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_typed(series: pd.Series) -> bool:
    """True for columns whose cells are numbers, booleans or dates (never formula text)."""
    return (
        pd.api.types.is_numeric_dtype(series)
        or pd.api.types.is_bool_dtype(series)
        or pd.api.types.is_datetime64_any_dtype(series)
    )


def neutralise_text(value: str) -> str:
    """One cell or header: prefix a quote when it starts like a formula."""
    return QUOTE + value if value.startswith(TRIGGERS) else value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with formula-like text cells and column names neutralised."""
    out = {}
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        out[neutralise_text(str(name))] = column if is_typed(column) else _neutralised_cells(column)
    return pd.DataFrame(out, index=frame.index)


def _neutralised_cells(column: pd.Series) -> pd.Series:
    # Each distinct value is read once where that is safe: tables repeat their categories, and
    # a string test per cell made this the slowest step of writing a 30,000-row table.
    cells = rendered_cells(column, lambda value: neutralise_text(str(value)), missing=None)
    return pd.Series(cells, index=column.index, name=column.name)


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of ``frame`` after :func:`neutralise`, no index.

    Lines end in CRLF as RFC 4180 asks; that also makes the writer quote any cell holding a CR
    or LF, so such a cell cannot split a row.
    """
    return csv_text(neutralise(frame)).encode("utf-8")


def write_safe_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write :func:`safe_csv_bytes` of ``frame`` to ``path``."""
    Path(path).write_bytes(safe_csv_bytes(frame))
