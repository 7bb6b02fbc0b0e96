"""Turn a task's rows and their real-data context into tables a reviewer can read.

``comparison`` lines the rows of a task up: one line per column of the data, one cell per
shown row, so values sit side by side. A line says whether its values differ and whether any
of them carries a badge; tables wider than a screen put those lines first.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from reviews.ranking.row_context import RowReport, ValueContext
from synth.i18n import N_, Msg, joined

ROW_LETTERS = "ABCDE"
# Columns of the context table, and the two whose cells are words the interface translates.
COLUMNS = [N_("column"), N_("value"), N_("in the real data"), N_("badges")]
WORD_COLUMNS = ["in the real data", "badges"]
# Up to this many columns the data's own column order is kept (it fits one screen);
# wider tables show the columns with badges or differences first.
SCREEN_COLUMNS = 25


def row_label(position: int) -> Msg:
    """Rows in a task are called A, B, C... so reviewers never see internal ids."""
    return Msg("Row {letter}", letter=ROW_LETTERS[position])


def value_text(value: ValueContext) -> str:
    return "" if pd.isna(value.value) else str(value.value)


def where_in_real(value: ValueContext, compact: bool = False) -> Msg | str:
    """Where the value sits in the real data: a percentile, a share, or nothing.

    ``compact`` drops the words, for tables of many rows side by side (a legend says them once).
    """
    if value.percentile is not None:
        if compact:
            return Msg("{percentile:.0f}th pct", percentile=value.percentile)
        return Msg("{percentile:.0f}th percentile", percentile=value.percentile)
    if value.share is not None:
        return (
            Msg("{share:.1%}", share=value.share)
            if compact
            else Msg("{share:.1%} of real rows", share=value.share)
        )
    return ""


@dataclass(frozen=True)
class ComparisonLine:
    """One column of the data across the task's rows."""

    column: str
    cells: list[ValueContext]
    differs: bool
    badged: bool


def comparison(reports: list[RowReport], screen_columns: int = SCREEN_COLUMNS) -> list[ComparisonLine]:
    """One line per column, one cell per row; unusual lines first when there are too many to fit."""
    if not reports:
        return []
    lines = []
    for position, first in enumerate(reports[0].values):
        cells = [report.values[position] for report in reports]
        texts = {value_text(cell) for cell in cells}
        lines.append(ComparisonLine(first.column, cells, len(texts) > 1, any(cell.badges for cell in cells)))
    if len(lines) > screen_columns:
        # Stable sort: badges first, then differences, each group in the data's own order.
        lines.sort(key=lambda line: (not line.badged, not line.differs))
    return lines


def context_table(report: RowReport) -> pd.DataFrame:
    """One line per column: the value, where it sits in the real data, and any warning badges."""
    lines = [
        {
            "column": value.column,
            "value": value_text(value),
            "in the real data": where_in_real(value),
            "badges": joined(value.badges, ", ", words=True) if value.badges else "",
        }
        for value in report.values
    ]
    return pd.DataFrame(lines, columns=COLUMNS)


def unseen_combinations(report: RowReport) -> list[str]:
    """Readable 'a + b' names of value combinations never seen together in the real data."""
    return [f"{a} + {b}" for a, b in report.unseen_pairs]
