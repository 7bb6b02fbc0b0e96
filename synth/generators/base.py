"""The one interface every generator offers, and helpers they share."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Protocol, runtime_checkable

import pandas as pd

from synth.errors import GenerationError
from synth.i18n import N_, Msg

Progress = Callable[[float, str], None]
"""``progress(fraction, message)``: fraction of the fit done (0..1) and a short message (a ``Msg``
or ``N_`` text, so the page can show it translated)."""

NO_TRAINING_ROWS = N_("the training table has no rows; give at least one row to learn from")


@runtime_checkable
class Generator(Protocol):
    """Fits on training rows, then samples synthetic rows.

    ``sample(n, conditions=frame)`` takes ONE ROW PER WANTED SAMPLE: ``conditions`` has ``n``
    rows and row ``i`` of the result carries the values of row ``i`` of ``conditions`` in
    those columns (the order of the result follows the order of ``conditions``).
    """

    name: str

    def fit(self, train: pd.DataFrame, *, progress: Progress | None = None) -> None:
        """Learn from ``train``; ``progress`` may raise to cancel, and that propagates."""

    def sample(self, n: int, *, conditions: pd.DataFrame | None = None) -> pd.DataFrame:
        """Return ``n`` synthetic rows, optionally under per-row ``conditions``."""


def report(progress: Progress | None, fraction: float, message: str) -> None:
    """Call ``progress`` when given; exceptions propagate on purpose (that is how jobs cancel)."""
    if progress is not None:
        progress(min(max(float(fraction), 0.0), 1.0), message)


def check_sample_request(n: int, conditions: pd.DataFrame | None, columns: pd.Index) -> None:
    """Reject a sample request that cannot be met, saying how to fix it."""
    if not isinstance(n, numbers.Integral) or isinstance(n, bool) or n < 0:
        raise GenerationError(Msg("cannot sample {n} rows; ask for a whole number of rows >= 0", n=repr(n)))
    if conditions is None:
        return
    if len(conditions) != n:
        raise GenerationError(
            Msg(
                "conditions have {rows} rows but {n} samples were asked for; "
                "pass one conditions row per wanted sample",
                rows=len(conditions),
                n=int(n),
            )
        )
    unknown = [c for c in conditions.columns if c not in columns]
    if unknown:
        raise GenerationError(
            Msg(
                "condition columns {columns} are not in the training table; condition only on its columns",
                columns=str(unknown),
            )
        )


def check_fitted(train: pd.DataFrame | None, name: str) -> pd.DataFrame:
    """Return the training frame, or raise when ``fit`` was not called."""
    if train is None:
        raise GenerationError(
            Msg("generator {name} is not fitted yet; call fit(train) before sample(n)", name=repr(name))
        )
    return train
