"""Where a synthetic row's values sit in the real data, for the review side.

Implemented in :mod:`synth.preference.row_context`, beside the features and the Bradley–Terry
model that use it, so ``python -m synth curate`` can fit a preference model without the review
side; review code imports these names from here.
"""

from synth.preference.row_context import (
    MISSING,
    MISSING_BADGE,
    OUT_OF_RANGE,
    RARE,
    UNSEEN,
    RowContext,
    RowReport,
    ValueContext,
)

__all__ = [
    "MISSING",
    "MISSING_BADGE",
    "OUT_OF_RANGE",
    "RARE",
    "UNSEEN",
    "RowContext",
    "RowReport",
    "ValueContext",
]
