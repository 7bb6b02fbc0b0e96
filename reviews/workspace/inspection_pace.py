"""The least time a reviewer is expected to spend on one inspected row, set by an admin.

A batch of the sampling inspection saved faster than this many seconds per row is flagged in
the sign-off checklist: the rows may have been ticked rather than read. The default, 2 s a row,
is about the time to read one row of a few dozen columns and find nothing wrong.
"""

from __future__ import annotations

import math

from reviews import queries
from reviews.errors import ReviewsError
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import Msg

SETTING = "inspection_min_seconds_per_row"
DEFAULT_SECONDS_PER_ROW = 2.0
MOST_SECONDS_PER_ROW = 600.0


def min_seconds_per_row(store: Store) -> float:
    value = queries.get_setting(store, SETTING)
    return DEFAULT_SECONDS_PER_ROW if value is None else float(value)


def set_min_seconds_per_row(store: Store, actor: Actor, seconds: float) -> None:
    """Change the pace below which a batch is flagged (admins); 0 turns the flag off."""
    value = float(seconds)
    if math.isnan(value) or not 0 <= value <= MOST_SECONDS_PER_ROW:
        raise ReviewsError(
            Msg(
                "Seconds per row must be between 0 and {most:g}; 2 is a common choice, 0 turns the flag off.",
                most=MOST_SECONDS_PER_ROW,
            )
        )
    store.set_setting(actor, SETTING, value)


def too_fast(batch: dict, seconds_per_row: float) -> bool:
    """Whether a saved batch (``rows``, ``seconds``) took less than ``seconds_per_row`` a row."""
    seconds = batch.get("seconds")
    return seconds is not None and batch["rows"] > 0 and seconds < seconds_per_row * batch["rows"]
