"""Read back the Markdown tables a page shows (``ui.evidence.evidence_table``) as rows of text,
the way a reader sees them: escapes removed, links shown by their text."""

from __future__ import annotations

import re

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip())[1:-1]]


def _text(cell: str) -> str:
    return _ESCAPE.sub(r"\1", _LINK.sub(r"\1", cell))


def table_rows(markdown: str) -> list[dict[str, str]]:
    """Each body row of the Markdown table in ``markdown`` as {header: cell text}."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    if len(lines) < 2:
        return []
    header = [_text(c) for c in _cells(lines[0])]
    return [dict(zip(header, (_text(c) for c in _cells(line)))) for line in lines[2:]]


def page_tables(at, column: str) -> list[dict[str, str]]:
    """Rows of every Markdown table on an AppTest page that has ``column``."""
    return [row for element in at.markdown for row in table_rows(element.value) if column in row]


def links(markdown: str) -> list[tuple[str, str]]:
    """(text, target) of every link in ``markdown``."""
    return _LINK.findall(markdown)
