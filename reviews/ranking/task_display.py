"""Turn a task's rows and their real-data context into small tables a reviewer can read."""

from __future__ import annotations

import pandas as pd

from reviews.ranking.row_context import RowReport
from synth.i18n import N_, Msg, joined

ROW_LETTERS = "ABCDE"
# Columns of the context table, and the two whose cells are words the interface translates.
COLUMNS = [N_("column"), N_("value"), N_("in the real data"), N_("badges")]
WORD_COLUMNS = ["in the real data", "badges"]


def row_label(position: int) -> Msg:
    """Rows in a task are called A, B, C... so reviewers never see internal ids."""
    return Msg("Row {letter}", letter=ROW_LETTERS[position])


def context_table(report: RowReport) -> pd.DataFrame:
    """One line per column: the value, where it sits in the real data, and any warning badges."""
    lines = []
    for value in report.values:
        if value.percentile is not None:
            where = Msg("{percentile:.0f}th percentile", percentile=value.percentile)
        elif value.share is not None:
            where = Msg("{share:.1%} of real rows", share=value.share)
        else:
            where = ""
        lines.append(
            {
                "column": value.column,
                "value": "" if pd.isna(value.value) else str(value.value),
                "in the real data": where,
                "badges": joined(value.badges, ", ", words=True) if value.badges else "",
            }
        )
    return pd.DataFrame(lines, columns=COLUMNS)


def unseen_combinations(report: RowReport) -> list[str]:
    """Readable 'a + b' names of value combinations never seen together in the real data."""
    return [f"{a} + {b}" for a, b in report.unseen_pairs]
