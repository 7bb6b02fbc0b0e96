"""Tables from the core shown in the reader's language.

The core names its columns in English (marked with ``N_`` where they are defined); CSV
exports keep those names. On the page, headers and the cells of word-valued columns
(status, purpose, role...) are translated; data values are left as they are. An identifier
with no translation (``real_outliers`` in English) is shown as words ("Real outliers"), and an
empty cell stays empty rather than reading ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from synth.numbers import readable
from ui.i18n import tr

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def as_words(text: str) -> str:
    """``real_outliers`` → ``Real outliers``; anything else unchanged."""
    return text.replace("_", " ").capitalize() if _IDENTIFIER.match(text) else text


_ROW_PIXELS = 35
_MOST_ROWS_SHOWN = 40


def whole_height(rows: int) -> int:
    """The height in pixels that shows a table of ``rows`` rows without scrolling (up to 40 rows;
    a longer table scrolls within that)."""
    return (min(rows, _MOST_ROWS_SHOWN) + 1) * _ROW_PIXELS + 3


def show_whole(frame: pd.DataFrame, column_config: dict, key: str) -> None:
    """Show ``frame`` without its index, tall enough for every row (see ``whole_height``)."""
    st.dataframe(
        frame, hide_index=True, column_config=column_config, height=whole_height(len(frame)), key=key
    )


def heading(text: str) -> str:
    """A column header as words that start with a capital: ``exact matches`` → ``Exact matches``."""
    words = as_words(text)
    return words[:1].upper() + words[1:] if words[:1].isascii() else words


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each header starting with a capital (see ``heading``), the index's name too:
    a table shown with its index reads that name as the first column's header."""
    shown = frame.set_axis([heading(c) if isinstance(c, str) else c for c in frame.columns], axis=1)
    name = shown.index.name
    return shown.rename_axis(heading(name)) if isinstance(name, str) else shown


def _shown(value: object) -> object:
    return as_words(tr(value)) if isinstance(value, str) else value


def translated(frame: pd.DataFrame, values: Iterable[str] = (), numbers: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` with translated headers, and translated cells in the ``values`` columns.

    ``numbers``: show decimals as people read them (``synth.numbers.readable``, no float noise).
    Empty cells show nothing; a column of decimals with gaps is shown formatted, so gaps are blank.
    """
    shown = frame.copy()
    for column in values:
        if column in shown.columns:
            shown[column] = shown[column].map(_shown)
    for column in shown.columns:
        series = shown[column]
        if pd.api.types.is_float_dtype(series.dtype) and (numbers or series.isna().any()):
            shown[column] = series.map(readable)
        elif series.dtype == object:
            blanked = series.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else v)
            shown[column] = _one_type_per_column(blanked)
    shown.columns = [as_words(tr(c)) if isinstance(c, str) else c for c in shown.columns]
    return shown


def _one_type_per_column(column: pd.Series) -> pd.Series:
    # Streamlit sends tables as Arrow, which needs one type per column: a column of lists that
    # mixes numbers and words (an outlier table's examples) is shown as text instead.
    kinds = {type(item) for cell in column if isinstance(cell, list | tuple) for item in cell}
    if len(kinds - {type(None)}) < 2:
        return column
    return column.map(lambda cell: ", ".join(map(str, cell)) if isinstance(cell, list | tuple) else cell)
