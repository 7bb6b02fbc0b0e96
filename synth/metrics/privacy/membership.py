"""Membership inference: from the synthetic data alone, can an attacker tell whether a person's row
was in the training data?

The attack is black-box and distance-based: the distance from a candidate row to its closest
synthetic row (GAN-Leaks' full black-box attack, Chen et al., CCS 2020), calibrated by its
distance to the closest row of a reference sample of real data the generator never saw (the
holdout's reference half). The score is ``log(d_reference / d_synthetic)``: a nearest-neighbour
form of DOMIAS's density ratio ``p_synthetic(x) / p_reference(x)`` (van Breugel et al., AISTATS
2023). The calibration is what makes it work on tabular data: a row in a crowded region is near
some synthetic row whether or not it was trained on, and dividing by the real-data distance
removes that. The distance form was chosen over DOMIAS's density estimators because it needs no
model fitting, works on mixed categorical and numeric columns with the distance the other
privacy metrics use, and reuses their nearest-neighbour searches (so it adds no search over the
synthetic table).

Members are training rows, non-members are holdout rows from the query half (never in the
reference half). The result is the attack's ROC AUC with DeLong's 95% interval: 0.5 means the
synthetic data says nothing about membership; 1 means every member is recognised.
"""

from __future__ import annotations

import numpy as np

from synth.i18n import N_
from synth.metrics.privacy.intervals import auc_interval
from synth.metrics.privacy.neighbours import Neighbours

# Distances are means over columns; this is far below one column's smallest step and only
# keeps the logarithm finite when a candidate equals a synthetic row.
_FLOOR = 1e-6
_BINS = 30


def membership_scores(to_synthetic: np.ndarray, to_reference: np.ndarray) -> np.ndarray:
    """The attack's score: higher means "more likely a member"."""
    return np.log((to_reference + _FLOOR) / (to_synthetic + _FLOOR))


def membership_inference_from(found: Neighbours) -> dict:
    """``{auc, ci95, members, non_members, attack, histogram}`` from searches already run."""
    members = membership_scores(found.members_to_synthetic["all"][0], found.members_to_reference)
    non_members = membership_scores(found.holdout_to_synthetic["all"][0], found.holdout_to_reference)
    result = auc_interval(members, non_members)
    result.update(
        {
            "members": int(len(members)),
            "non_members": int(len(non_members)),
            "attack": N_("distance to the closest synthetic row, calibrated by the holdout's reference half"),
            "histogram": score_histogram(members, non_members),
        }
    )
    return result


def score_histogram(members: np.ndarray, non_members: np.ndarray) -> dict:
    """Shares of members and non-members per score bin, for the chart."""
    both = np.concatenate([members, non_members])
    if both.size == 0:
        return {"edges": [0.0, 1.0], "members": [0.0], "non_members": [0.0]}
    low, high = float(both.min()), float(both.max())
    edges = np.linspace(low, high if high > low else low + 1.0, _BINS + 1)

    def shares(values: np.ndarray) -> list[float]:
        return (np.histogram(values, edges)[0] / max(len(values), 1)).tolist()

    return {"edges": edges.tolist(), "members": shares(members), "non_members": shares(non_members)}
