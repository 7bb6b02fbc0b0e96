"""Checks on a table's shape and header; each returns problems that say how to fix them."""

from __future__ import annotations

from collections import Counter

import pandas as pd

MIN_DATA_ROWS = 2


def header_problems(header: list[str]) -> list[str]:
    """Blank and duplicate column names, checked on the header exactly as the file wrote it."""
    problems = []
    names = [str(h).strip() for h in header]
    blank = [i + 1 for i, n in enumerate(names) if not n]
    if blank:
        where = ", ".join(str(i) for i in blank[:10]) + (" ..." if len(blank) > 10 else "")
        problems.append(
            f"{len(blank)} column(s) have no name (position {where}); give every column a name in the header row"
        )
    duplicated = [n for n, c in Counter(n for n in names if n).items() if c > 1]
    if duplicated:
        listed = ", ".join(f"'{n}' ({names.count(n)} times)" for n in duplicated)
        problems.append(f"column names appear more than once: {listed}; rename them so every column name is unique")
    return problems


def shape_problems(header: list[str], frame: pd.DataFrame | None) -> list[str]:
    """Empty file, header without data, a single data row, and columns with no value at all."""
    if not header:
        return ["the file is empty (no header and no rows); upload a table with a header row and at least two data rows"]
    rows = 0 if frame is None else len(frame)
    if rows == 0:
        return ["the file has a header but no data rows; add the data rows below the header"]
    problems = []
    if rows < MIN_DATA_ROWS:
        problems.append(
            "the file has only one data row; profiling and generation need at least two rows "
            "(in practice hundreds), so upload the full table"
        )
    empty = [str(c) for i, c in enumerate(frame.columns) if frame.iloc[:, i].isna().all()]
    if empty:
        listed = ", ".join(f"'{c}'" for c in empty[:10]) + (" ..." if len(empty) > 10 else "")
        problems.append(f"column(s) {listed} have no values at all; remove them or fill them in")
    return problems


def size_problem(size: int, max_bytes: int) -> str | None:
    """The file is over the size limit; checked before anything is read."""
    if size <= max_bytes:
        return None
    return (
        f"the file is {_mb(size)}, over the limit of {_mb(max_bytes)}; upload a sample or a subset of "
        "the columns, or raise the limit (max_bytes / --max-bytes)"
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
