"""The differential-privacy item: the guarantee recorded in the lineage (epsilon, delta, unit of
privacy, library) and whether it meets the workspace's requirement for the privacy purpose
(``reviews.workspace.dp_requirement``). Accepted rows warn at best: reviewers chose them while
seeing where each value sits in the real data, a step the guarantee does not cover.
"""

from __future__ import annotations

from reviews.signoff.checklist.items import FAIL, NOT_APPLICABLE, PASS, WARN, ChecklistItem, worst
from reviews.workspace.dp_requirement import current_requirement, guarantee_meets
from synth.i18n import N_, Msg
from synth.metrics.privacy.guarantee import describe_guarantee


def dp_guarantee_item(store, dataset) -> ChecklistItem:
    title, links = N_("Differential privacy guarantee"), (f"dataset:{dataset.id}",)
    guarantee = (dataset.lineage or {}).get("privacy")
    requirement = current_requirement(store)
    required = requirement.required and dataset.purpose == "privacy"
    details = {"guarantee": guarantee, "requirement": requirement.to_dict(), "required": required}
    if guarantee is None:
        if not required:
            return ChecklistItem(
                "dp_guarantee",
                title,
                "gates",
                None,
                NOT_APPLICABLE,
                N_("No formal guarantee: the generator is not differentially private, and none is required."),
                links,
                details,
            )
        return ChecklistItem(
            "dp_guarantee",
            title,
            "gates",
            None,
            FAIL,
            Msg(
                "The privacy purpose requires a differentially private generator with epsilon at most "
                "{limit:g}; this dataset has no such guarantee.",
                limit=requirement.max_epsilon,
            ),
            links,
            details,
        )
    text = describe_guarantee(guarantee)
    status = PASS
    if required and not guarantee_meets(requirement, guarantee):
        status = FAIL
        text = Msg(
            "{text} The privacy purpose allows epsilon at most {limit:g}.",
            text=text,
            limit=requirement.max_epsilon,
        )
    elif required:
        text = Msg(
            "{text} Meets the required epsilon of at most {limit:g}.",
            text=text,
            limit=requirement.max_epsilon,
        )
    if dataset.kind == "accepted":
        status = worst([status, WARN])
        text = Msg(
            "{text} These rows were accepted by reviewers who saw where values sit in the real data; the "
            "guarantee covers the generated dataset, not this choice.",
            text=text,
        )
    return ChecklistItem("dp_guarantee", title, "gates", None, status, text, links, details)
