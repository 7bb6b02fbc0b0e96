"""Row features of the preference model, for the review side.

Implemented in :mod:`synth.preference.features`; review code imports these names from here.
"""

from synth.preference.features import UNSEEN_COMBINATION, RowFeatures, feature_label

__all__ = ["UNSEEN_COMBINATION", "RowFeatures", "feature_label"]
