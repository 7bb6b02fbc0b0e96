"""Turn a task's rows and their real-data context into small tables a reviewer can read."""

from __future__ import annotations

import pandas as pd

from reviews.row_context import RowReport

ROW_LETTERS = "ABCDE"


def row_label(position: int) -> str:
    """Rows in a task are called A, B, C... so reviewers never see internal ids."""
    return f"Row {ROW_LETTERS[position]}"


def context_table(report: RowReport) -> pd.DataFrame:
    """One line per column: the value, where it sits in the real data, and any warning badges."""
    lines = []
    for value in report.values:
        if value.percentile is not None:
            where = f"{value.percentile:.0f}th percentile"
        elif value.share is not None:
            where = f"{value.share:.1%} of real rows"
        else:
            where = ""
        lines.append({"column": value.column, "value": "" if pd.isna(value.value) else str(value.value),
                      "in the real data": where, "badges": ", ".join(value.badges)})
    return pd.DataFrame(lines, columns=["column", "value", "in the real data", "badges"])


def unseen_combinations(report: RowReport) -> list[str]:
    """Readable 'a + b' names of value combinations never seen together in the real data."""
    return [f"{a} + {b}" for a, b in report.unseen_pairs]
