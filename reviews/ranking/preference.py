"""The linear Bradley–Terry preference model over row features, for the review side.

Implemented in :mod:`synth.preference.bradley_terry`, so ``python -m synth curate`` and
``python -m reviews rank-fit`` fit the same model; review code imports these names from here.
"""

from synth.preference.bradley_terry import (
    ItemScoreAgreement,
    PreferenceModel,
    compare_with_item_scores,
    item_scores,
    pairs_from_rankings,
    validate_pairs,
)

__all__ = [
    "ItemScoreAgreement",
    "PreferenceModel",
    "compare_with_item_scores",
    "item_scores",
    "pairs_from_rankings",
    "validate_pairs",
]
