"""How long each page's script takes on the server, and how many SQL statements it sends.

Logged at DEBUG (``streamlit run app.py --logger.level debug``), one line per run:
``page compare ran in 0.214 s with 12 SQL statements``. Browser timings move with the
machine's load; this is the server's own share of a click, to find which page does too much.
``benchmarks/bench_pages.py`` measures the same for every page at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from streamlit.logger import get_logger

LOG = get_logger("synthreview.pages")
_run = threading.local()  # each session's script runs in its own thread


def _count_statement(*_args) -> None:
    if getattr(_run, "statements", None) is not None:
        _run.statements += 1


@contextmanager
def timed_page(name: str, engine: Engine) -> Iterator[None]:
    """Log the page's run time and SQL statements at DEBUG; costs nothing at other levels."""
    if not LOG.isEnabledFor(logging.DEBUG):
        yield
        return
    if not event.contains(engine, "before_cursor_execute", _count_statement):
        event.listen(engine, "before_cursor_execute", _count_statement)
    _run.statements = 0
    start = time.perf_counter()
    try:
        yield
    finally:
        LOG.debug(
            "page %s ran in %.3f s with %d SQL statements", name, time.perf_counter() - start, _run.statements
        )
        _run.statements = None
