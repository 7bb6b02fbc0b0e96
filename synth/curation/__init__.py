"""Curated generation (norm 6 steering generation): keep rows by Bradley–Terry choice among K.

* ``choose_among_k``: which of K x n candidate rows to keep, by softmax of beta x utility or best-of-K.
* ``curation_report``: what the choice did to utility and diversity, with warnings.

The names below are loaded when first used: the modules need numpy and pandas, and a command's
``--help`` that only lists ``CURATION_MODES`` (from ``synth.curation.modes``) should not wait for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from synth.curation.modes import CURATION_MODES

if TYPE_CHECKING:
    from synth.curation.choose import CurationChoice, choose_among_k
    from synth.curation.report import (
        DEFAULT_MIN_COVERAGE,
        DEFAULT_MIN_VARIANCE_RATIO,
        CurationReport,
        curation_report,
    )

_HOMES = {
    "CurationChoice": "synth.curation.choose",
    "choose_among_k": "synth.curation.choose",
    "DEFAULT_MIN_COVERAGE": "synth.curation.report",
    "DEFAULT_MIN_VARIANCE_RATIO": "synth.curation.report",
    "CurationReport": "synth.curation.report",
    "curation_report": "synth.curation.report",
}

__all__ = [
    "CURATION_MODES",
    "DEFAULT_MIN_COVERAGE",
    "DEFAULT_MIN_VARIANCE_RATIO",
    "CurationChoice",
    "CurationReport",
    "choose_among_k",
    "curation_report",
]


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
