"""Norm 5, limit rounds of synthetic-on-synthetic: the generation depth against the limit."""

from __future__ import annotations

from reviews.signoff.checklist.items import FAIL, MISSING, PASS, WARN, ChecklistItem
from synth.i18n import N_, Msg, joined, word


def depth_item(dataset) -> ChecklistItem:
    title, links = N_("Limit rounds of synthetic-on-synthetic"), (f"dataset:{dataset.id}",)
    lineage = dataset.lineage or {}
    if "max_depth" not in lineage:
        return ChecklistItem("norm5_depth", title, "norms", 5, MISSING, N_("No lineage was recorded."), links)
    limit, justification = lineage["max_depth"], lineage.get("override_justification")
    if dataset.parent_id is not None:
        links += (f"dataset:{dataset.parent_id}",)
    if dataset.depth <= limit:
        status, text = (
            PASS,
            Msg("Generation depth {depth} within the limit of {limit}.", depth=dataset.depth, limit=limit),
        )
    elif justification:
        status, text = (
            WARN,
            Msg(
                "Depth {depth} past the limit of {limit}, overridden: {justification}",
                depth=dataset.depth,
                limit=limit,
                justification=justification,
            ),
        )
    else:
        status, text = (
            FAIL,
            Msg(
                "Depth {depth} past the limit of {limit} without a justification.",
                depth=dataset.depth,
                limit=limit,
            ),
        )
    details = {"depth": dataset.depth, "max_depth": limit, "override_justification": justification}
    curation = lineage.get("curation")
    if curation:  # curated from a round: same generator and depth, rows chosen by the preference model
        details["curation"] = curation
        text = joined([text, _curation_text(curation)], " ")
    return ChecklistItem("norm5_depth", title, "norms", 5, status, text, links, details)


_CURATION_MODES = {"softmax": N_("softmax of the reward"), "best_of_k": N_("best of K")}


def _curation_text(curation: dict) -> Msg:
    return Msg(
        "Curated from round {round} by {mode} among K = {k} (beta {beta}), model {model} "
        "(weights sha256 {digest}), at the depth of its source.",
        round=curation.get("round_id"),
        mode=word(_CURATION_MODES.get(str(curation.get("mode")), curation.get("mode"))),
        k=curation.get("k"),
        beta=curation.get("beta"),
        model=curation.get("model_id"),
        digest=str(curation.get("weights_sha256", ""))[:12],
    )
