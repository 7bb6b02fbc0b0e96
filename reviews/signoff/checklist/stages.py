"""Norm 4, limit the training stage: pre-training needs a recorded justification."""

from __future__ import annotations

from reviews.signoff.checklist.items import FAIL, MISSING, PASS, WARN, ChecklistItem
from synth.i18n import N_, Msg, joined, word
from synth.stages import PRETRAINING


def stages_item(dataset) -> ChecklistItem:
    title, links = N_("Limit the training stage"), (f"dataset:{dataset.id}",)
    labels = dataset.labels or {}
    stages = labels.get("stages")
    if not stages:
        return ChecklistItem(
            "norm4_stages",
            title,
            "norms",
            4,
            MISSING,
            N_("The dataset carries no training-stage label."),
            links,
        )
    justification = labels.get("pretraining_justification")
    names = joined(map(word, stages))
    if PRETRAINING not in stages:
        status, text = PASS, Msg("May feed {stages}; pre-training excluded.", stages=names)
    elif justification:
        status, text = (
            WARN,
            Msg(
                "May feed {stages}; pre-training allowed because: {justification}",
                stages=names,
                justification=justification,
            ),
        )
    else:
        status, text = (
            FAIL,
            Msg("May feed {stages}, including pre-training, without a recorded justification.", stages=names),
        )
    return ChecklistItem(
        "norm4_stages",
        title,
        "norms",
        4,
        status,
        text,
        links,
        {"stages": list(stages), "pretraining_justification": justification},
    )
