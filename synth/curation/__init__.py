"""Curated generation (norm 6 steering generation): keep rows by Bradley–Terry choice among K.

* ``choose_among_k``: which of K x n candidate rows to keep, by softmax of beta x utility or best-of-K.
* ``curation_report``: what the choice did to utility and diversity, with warnings.
"""

from synth.curation.choose import CURATION_MODES, CurationChoice, choose_among_k
from synth.curation.report import (
    DEFAULT_MIN_COVERAGE,
    DEFAULT_MIN_VARIANCE_RATIO,
    CurationReport,
    curation_report,
)

__all__ = [
    "CURATION_MODES",
    "DEFAULT_MIN_COVERAGE",
    "DEFAULT_MIN_VARIANCE_RATIO",
    "CurationChoice",
    "CurationReport",
    "choose_among_k",
    "curation_report",
]
