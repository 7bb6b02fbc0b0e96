"""The router's DEBUG line per page run: its name and the SQL statements it sent, counted per thread."""

from __future__ import annotations

import logging
import re
import threading

import pytest
from sqlalchemy import create_engine, event, text

from ui.page_timing import LOG, _count_statement, timed_page

LINE = re.compile(r"^page (\w+) ran in \d+\.\d{3} s with (\d+) SQL statements$")


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def lines():
    handler, level = Lines(), LOG.level
    LOG.addHandler(handler)
    yield handler.lines
    LOG.removeHandler(handler)
    LOG.setLevel(level)


def _query(engine, times: int) -> None:
    with engine.connect() as conn:
        for _ in range(times):
            conn.execute(text("SELECT 1"))


def test_debug_names_the_page_and_counts_only_its_own_thread(lines):
    LOG.setLevel(logging.DEBUG)
    engine = create_engine("sqlite://")
    other = threading.Thread(target=_query, args=(engine, 5))  # another session, at the same time
    with timed_page("compare", engine):
        _query(engine, 3)
        other.start()
        other.join()
    _query(engine, 2)  # after the page: not counted
    assert [LINE.match(line).groups() for line in lines] == [("compare", "3")]


def test_nothing_is_counted_or_logged_above_debug(lines):
    LOG.setLevel(logging.INFO)
    engine = create_engine("sqlite://")
    with timed_page("home", engine):
        _query(engine, 1)
    assert lines == []
    assert not event.contains(engine, "before_cursor_execute", _count_statement)
