"""Bounds every reader enforces before and while decoding, so a hostile file cannot exhaust memory.

Each limit has a default that fits tables of a few million cells on a laptop and an environment
variable to raise it. A file over a limit raises ``LimitExceeded``: one message naming the
limit, the file's figure where it is known, and the variable that raises it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from synth.errors import InputError, LimitExceeded
from synth.i18n import Msg

DEFAULT_MAX_CELL_CHARS = 1_000_000
DEFAULT_MAX_COLUMNS = 2_000
# Cells (rows x columns) held in memory: about 1 GB of pandas objects for text at the upper end,
# and a few minutes of parsing for an .xlsx (openpyxl reads some 100,000 cells a second).
DEFAULT_MAX_CELLS = 10_000_000
# What the compressed parts of an .xlsx or .parquet file may unpack to. A 1M-row sheet that
# unpacks to 297 MB held the reader for minutes at about 1 GB before this was lowered.
DEFAULT_MAX_UNPACKED_MB = 256
# Members of a zip-based file (an .xlsx has about ten).
DEFAULT_MAX_ZIP_MEMBERS = 10_000

ENV_CELL = "SYNTHREVIEW_MAX_CELL_CHARS"
ENV_COLUMNS = "SYNTHREVIEW_MAX_COLUMNS"
ENV_CELLS = "SYNTHREVIEW_MAX_CELLS"
ENV_UNPACKED = "SYNTHREVIEW_MAX_UNPACKED_MB"
ENV_MEMBERS = "SYNTHREVIEW_MAX_ZIP_MEMBERS"


@dataclass(frozen=True)
class IntakeLimits:
    """The limits in force; ``from_env`` reads the ``SYNTHREVIEW_MAX_*`` variables."""

    max_cell_chars: int = DEFAULT_MAX_CELL_CHARS
    max_columns: int = DEFAULT_MAX_COLUMNS
    max_cells: int = DEFAULT_MAX_CELLS
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_MB * 1024 * 1024
    max_zip_members: int = DEFAULT_MAX_ZIP_MEMBERS

    @classmethod
    def from_env(cls) -> IntakeLimits:
        return cls(
            max_cell_chars=_env_int(ENV_CELL, DEFAULT_MAX_CELL_CHARS),
            max_columns=_env_int(ENV_COLUMNS, DEFAULT_MAX_COLUMNS),
            max_cells=_env_int(ENV_CELLS, DEFAULT_MAX_CELLS),
            max_unpacked_bytes=int(_env_float(ENV_UNPACKED, DEFAULT_MAX_UNPACKED_MB) * 1024 * 1024),
            max_zip_members=_env_int(ENV_MEMBERS, DEFAULT_MAX_ZIP_MEMBERS),
        )

    def check_columns(self, n: int) -> None:
        if n > self.max_columns:
            raise LimitExceeded(
                Msg(
                    "the table has {n} columns, over the limit of {limit}; upload a subset of the columns, "
                    "or raise the limit with the environment variable {env}",
                    n=n,
                    limit=self.max_columns,
                    env=ENV_COLUMNS,
                )
            )

    def check_cells(self, rows: int, columns: int) -> None:
        if rows * max(columns, 1) > self.max_cells:
            raise LimitExceeded(
                Msg(
                    "the table has more than {rows} rows of {columns} columns, over the limit of {limit} "
                    "cells held in memory; upload a sample of the rows, or raise the limit with the "
                    "environment variable {env}",
                    rows=rows,
                    columns=columns,
                    limit=self.max_cells,
                    env=ENV_CELLS,
                )
            )

    def cell_too_long(self, where: str | Msg) -> LimitExceeded:
        text = Msg(
            "a cell ({where}) holds more than {limit} characters; shorten or remove that value, or raise "
            "the limit with the environment variable {env}",
            limit=self.max_cell_chars,
            where=where,
            env=ENV_CELL,
        )
        return LimitExceeded(text)

    def check_unpacked(self, size: int, fmt: str) -> None:
        if size > self.max_unpacked_bytes:
            raise LimitExceeded(
                Msg(
                    "the {format} file unpacks to {size}, over the limit of {limit}; upload a sample, save "
                    "it as CSV, or raise the limit (in MB) with the environment variable {env}",
                    format=fmt,
                    size=_mb(size),
                    limit=_mb(self.max_unpacked_bytes),
                    env=ENV_UNPACKED,
                )
            )

    def check_members(self, n: int) -> None:
        if n > self.max_zip_members:
            raise LimitExceeded(
                Msg(
                    "the workbook holds {n} parts, over the limit of {limit}; save the sheet again as a "
                    "new .xlsx or as CSV, or raise the limit with the environment variable {env}",
                    n=n,
                    limit=self.max_zip_members,
                    env=ENV_MEMBERS,
                )
            )


def nested_columns_problem(columns: list[str]) -> LimitExceeded:
    """Nested values (lists, objects, structs) have no place in a flat table, at any depth."""
    shown = ", ".join(f"'{c}'" for c in columns[:10]) + (" ..." if len(columns) > 10 else "")
    return LimitExceeded(
        Msg(
            "column(s) {columns} hold nested values (lists or objects); flatten them into one column per "
            "field, or drop them, and upload the table again",
            columns=shown,
        )
    )


def _env_int(name: str, default: int) -> int:
    return int(_env_float(name, default))


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            Msg("the environment variable {env} must be a number, not '{value}'", env=name, value=raw)
        ) from None
    if value <= 0:
        raise InputError(Msg("the environment variable {env} must be above 0", env=name))
    return value


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def too_deep(where: str | Msg) -> LimitExceeded:
    """JSON nested past what the parser can follow is no table (tables have one flat level)."""
    return LimitExceeded(
        Msg(
            "the JSON text ({where}) is nested too deeply to be a table; write one flat object per line",
            where=where,
        )
    )
