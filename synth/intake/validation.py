"""Checks on a table's shape and header; each returns problems that say how to fix them."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from synth.i18n import N_, Msg, joined

MIN_DATA_ROWS = 2


def header_problems(header: list[str]) -> list[str]:
    """Blank and duplicate column names, checked on the header exactly as the file wrote it."""
    problems = []
    names = [str(h).strip() for h in header]
    blank = [i + 1 for i, n in enumerate(names) if not n]
    if blank:
        where = ", ".join(str(i) for i in blank[:10]) + (" ..." if len(blank) > 10 else "")
        problems.append(
            Msg(
                "{n} column(s) have no name (position {positions}); give every column a name in the "
                "header row",
                n=len(blank),
                positions=where,
            )
        )
    duplicated = [n for n, c in Counter(n for n in names if n).items() if c > 1]
    if duplicated:
        listed = joined(Msg("'{name}' ({count} times)", name=n, count=names.count(n)) for n in duplicated)
        problems.append(
            Msg(
                "column names appear more than once: {columns}; rename them so every column name is unique",
                columns=listed,
            )
        )
    return problems


def shape_problems(header: list[str], frame: pd.DataFrame | None) -> list[str]:
    """Empty file, header without data, a single data row, and columns with no value at all."""
    if not header:
        return [
            N_(
                "the file is empty (no header and no rows); upload a table with a header row and at "
                "least two data "
                "rows"
            )
        ]
    rows = 0 if frame is None else len(frame)
    if rows == 0:
        return [N_("the file has a header but no data rows; add the data rows below the header")]
    problems = []
    if rows < MIN_DATA_ROWS:
        problems.append(
            N_(
                "the file has only one data row; profiling and generation need at least two rows "
                "(in practice hundreds), so upload the full table"
            )
        )
    empty = [str(c) for i, c in enumerate(frame.columns) if _has_no_value(frame.iloc[:, i])]
    if empty:
        listed = ", ".join(f"'{c}'" for c in empty[:10]) + (" ..." if len(empty) > 10 else "")
        problems.append(
            Msg("column(s) {columns} have no values at all; remove them or fill them in", columns=listed)
        )
    return problems


def _has_no_value(column: pd.Series) -> bool:
    # A value in the first row settles most columns without testing every cell.
    return bool(column.iloc[:1].isna().all()) and bool(column.isna().all())


def size_problem(size: int, max_bytes: int) -> str | None:
    """The file is over the size limit; checked before anything is read."""
    if size <= max_bytes:
        return None
    return Msg(
        "the file is {size}, over the limit of {limit}; upload a sample or a subset of "
        "the columns, or raise the limit (max_bytes / --max-bytes)",
        size=_mb(size),
        limit=_mb(max_bytes),
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
