"""Tables from the core shown in the reader's language.

The core names its columns in English (marked with ``N_`` where they are defined); CSV
exports keep those names. On the page, headers and the cells of word-valued columns
(status, purpose, role...) are translated; data values are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ui.i18n import tr


def translated(frame: pd.DataFrame, values: Iterable[str] = ()) -> pd.DataFrame:
    """A copy of ``frame`` with translated headers, and translated cells in the ``values`` columns."""
    shown = frame.copy()
    for column in values:
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v: tr(v) if isinstance(v, str) else v)
    for column in shown.columns:
        shown[column] = _one_type_per_column(shown[column])
    shown.columns = [tr(c) if isinstance(c, str) else c for c in shown.columns]
    return shown


def _one_type_per_column(column: pd.Series) -> pd.Series:
    # Streamlit sends tables as Arrow, which needs one type per column: a column of lists that
    # mixes numbers and words (an outlier table's examples) is shown as text instead.
    if column.dtype != object:
        return column
    kinds = {type(item) for cell in column if isinstance(cell, list | tuple) for item in cell}
    if len(kinds - {type(None)}) < 2:
        return column
    return column.map(lambda cell: ", ".join(map(str, cell)) if isinstance(cell, list | tuple) else cell)
