"""Reviewer reliability (CrowdBT) for the review side, and how much a flagged reviewer may weigh.

The model is implemented in :mod:`synth.preference.reliability`; review code imports it from here.
"""

from synth.preference.reliability import (
    FLAG_THRESHOLD,
    PRIOR,
    RELIABILITY_COLUMNS,
    ReliablePreferenceModel,
    ReviewerReliability,
    neg_log_posterior,
)

# A flagged reviewer whose answers still weigh more than this keeps the checklist at warn.
MIN_WEIGHT = 0.2

__all__ = [
    "FLAG_THRESHOLD",
    "MIN_WEIGHT",
    "PRIOR",
    "RELIABILITY_COLUMNS",
    "ReliablePreferenceModel",
    "ReviewerReliability",
    "neg_log_posterior",
]
