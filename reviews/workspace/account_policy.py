"""Session expiry and sign-in lockout limits, read from the environment each time.

| variable | default | meaning |
|---|---|---|
| ``SYNTHREVIEW_SESSION_IDLE_HOURS`` | 8 | a session unused this long ends |
| ``SYNTHREVIEW_SESSION_MAX_HOURS`` | 24 | a session ends this long after sign-in, used or not |
| ``SYNTHREVIEW_LOCKOUT_ATTEMPTS`` | 5 | failed sign-ins of one username that lock it ... |
| ``SYNTHREVIEW_LOCKOUT_WINDOW_SECONDS`` | 900 | ... when they fall within this many seconds |
| ``SYNTHREVIEW_LOCKOUT_SECONDS`` | 900 | how long the lock holds |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from reviews.errors import ReviewsError
from synth.i18n import Msg


@dataclass(frozen=True)
class AccountPolicy:
    idle: timedelta
    absolute: timedelta
    lockout_attempts: int
    lockout_window: timedelta
    lockout: timedelta


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ReviewsError(Msg("{name} must be a positive number, not {value!r}.", name=name, value=raw))
    return value


def load_policy() -> AccountPolicy:
    """The limits in force now (``SYNTHREVIEW_SESSION_*`` and ``SYNTHREVIEW_LOCKOUT_*``)."""
    return AccountPolicy(
        idle=timedelta(hours=_number("SYNTHREVIEW_SESSION_IDLE_HOURS", 8)),
        absolute=timedelta(hours=_number("SYNTHREVIEW_SESSION_MAX_HOURS", 24)),
        lockout_attempts=int(_number("SYNTHREVIEW_LOCKOUT_ATTEMPTS", 5)),
        lockout_window=timedelta(seconds=_number("SYNTHREVIEW_LOCKOUT_WINDOW_SECONDS", 900)),
        lockout=timedelta(seconds=_number("SYNTHREVIEW_LOCKOUT_SECONDS", 900)),
    )
