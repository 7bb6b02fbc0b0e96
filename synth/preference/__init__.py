"""Preference models of rows (norm 6): what reviewers' comparisons say about every row.

* ``row_context``: where each value of a row sits in a reference table (percentile, share, badges);
* ``features``: rows as a numeric matrix with named columns, built on that context;
* ``bradley_terry``: the linear Bradley–Terry model over those features, fitted by L2 logistic
  regression on comparison pairs, with a per-row ``choix`` cross-check;
* ``reliability``: the same model with one reliability per reviewer (CrowdBT, fitted by EM);
* ``comparisons``: the ``winner,loser[,reviewer]`` CSV format and the scores it gives every row,
  shared by ``python -m reviews rank-fit`` and ``python -m synth curate --comparisons``.

Nothing here knows about review rounds or the database; the review side builds on it.
"""

from synth.preference.bradley_terry import PreferenceModel, pairs_from_rankings, validate_pairs
from synth.preference.comparisons import Comparisons, FittedScores, fit_scores, read_comparisons, read_csv
from synth.preference.features import RowFeatures
from synth.preference.reliability import FLAG_THRESHOLD, ReliablePreferenceModel
from synth.preference.row_context import RowContext

__all__ = [
    "FLAG_THRESHOLD",
    "Comparisons",
    "FittedScores",
    "PreferenceModel",
    "ReliablePreferenceModel",
    "RowContext",
    "RowFeatures",
    "fit_scores",
    "pairs_from_rankings",
    "read_comparisons",
    "read_csv",
    "validate_pairs",
]
