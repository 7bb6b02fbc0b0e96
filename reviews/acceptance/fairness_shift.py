"""What an acceptance threshold does to protected groups, shown before it is applied.

Accepting rows by the preference model can change who is in the data: if reviewers preferred
rows by a column tied to sex (say, "relationship = Husband"), the accepted rows hold fewer
women. For each protected attribute the preview compares all synthetic rows with the rows
the threshold would accept, using the same group shares, label rates and demographic-parity
difference as the evaluation (:func:`synth.metrics.fairness.fairness`, with "all rows" in
the place of the real table and the positive class chosen on the real training rows). It
warns when any group share, or any attribute's parity difference, moves by more than
``SHIFT_THRESHOLD`` (absolute, i.e. 0.05 = 5 percentage points).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from reviews.queries.evaluations import EvaluationInputs
from synth.i18n import N_, Msg
from synth.metrics.fairness import choose_positive_class, fairness
from synth.profile.column_types import infer_type

SHIFT_THRESHOLD = 0.05
SHIFT_COLUMNS = [
    N_("attribute"),
    N_("group"),
    N_("share, all rows"),
    N_("share, accepted"),
    N_("label rate, all rows"),
    N_("label rate, accepted"),
]


@dataclass(frozen=True)
class FairnessShift:
    table: pd.DataFrame  # SHIFT_COLUMNS, one row per group
    parity: dict  # attribute -> (parity difference all rows, accepted)
    warnings: list = field(default_factory=list)


class FairnessPreview:
    """Group shares and label rates of any subset of the synthetic rows, against all of them."""

    def __init__(self, inputs: EvaluationInputs, threshold: float = SHIFT_THRESHOLD):
        self.inputs = inputs
        self.threshold = threshold
        self.types = inputs.column_types or {c: infer_type(inputs.train[c]) for c in inputs.train.columns}
        self.protected = [c for c in inputs.protected if c in inputs.synthetic.columns]
        label = inputs.label if inputs.label in inputs.synthetic.columns else None
        self.label = label
        self.positive = choose_positive_class(inputs.train[label])[0] if label is not None else None

    @property
    def applies(self) -> bool:
        return bool(self.protected)

    def effect(self, accepted: np.ndarray) -> FairnessShift:
        """Shares and rates of all rows vs the ``accepted`` positions, with warnings."""
        every = self.inputs.synthetic
        kept = every.iloc[np.asarray(accepted, dtype=int)]
        if not self.protected or kept.empty:
            return FairnessShift(pd.DataFrame(columns=SHIFT_COLUMNS), {})
        result = fairness(
            every,
            kept,
            self.protected,
            column_types=self.types,
            label=self.label,
            positive_class=self.positive,
        )
        rows, parity, warnings = [], {}, []
        for attribute, facts in result["attributes"].items():
            for g in facts["groups"]:
                rows.append(
                    (
                        attribute,
                        g["group"],
                        g["real_share"],
                        g["synthetic_share"],
                        g["real_label_rate"],
                        g["synthetic_label_rate"],
                    )
                )
                moved = g["synthetic_share"] - g["real_share"]
                if abs(moved) > self.threshold:
                    warnings.append(
                        Msg(
                            "Accepting these rows moves the share of {attribute} = {group} from {before:.0%} "
                            "to {after:.0%}.",
                            attribute=attribute,
                            group=g["group"],
                            before=g["real_share"],
                            after=g["synthetic_share"],
                        )
                    )
            before = facts["real"]["demographic_parity_difference"]
            after = facts["synthetic"]["demographic_parity_difference"]
            parity[attribute] = (before, after)
            if before is not None and after is not None and abs(after - before) > self.threshold:
                warnings.append(
                    Msg(
                        "Accepting these rows moves the label-rate gap between {attribute} groups from "
                        "{before:.2f} to {after:.2f}.",
                        attribute=attribute,
                        before=before,
                        after=after,
                    )
                )
        return FairnessShift(pd.DataFrame(rows, columns=SHIFT_COLUMNS), parity, warnings)
