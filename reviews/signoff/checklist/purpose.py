"""Norm 1, purpose decides fidelity: the dataset is judged by its own purpose's fidelity gates."""

from __future__ import annotations

from reviews.signoff.checklist.evidence import cap_inherited, with_inherited_note
from reviews.signoff.checklist.gates import gate_category, gate_text
from reviews.signoff.checklist.items import FAIL, MISSING, PASS, ChecklistItem, worst
from synth.i18n import N_, Msg, word


def purpose_item(dataset, evaluation, gates, inherited) -> ChecklistItem:
    title, links = N_("Purpose decides fidelity"), (f"dataset:{dataset.id}",)
    if not dataset.purpose:
        return ChecklistItem(
            "norm1_purpose", title, "norms", 1, MISSING, N_("The dataset carries no purpose label."), links
        )
    purpose = word(dataset.purpose)
    if evaluation is None:
        return ChecklistItem(
            "norm1_purpose",
            title,
            "norms",
            1,
            MISSING,
            Msg(
                "Purpose {purpose}; no evaluation yet, so its gates are unknown. Evaluate it.",
                purpose=purpose,
            ),
            links,
        )
    links += (f"evaluation:{evaluation['id']}",)
    judged = (evaluation["result"] or {}).get("purpose")
    if judged and judged != dataset.purpose:
        return ChecklistItem(
            "norm1_purpose",
            title,
            "norms",
            1,
            FAIL,
            Msg(
                "Labelled {purpose} but evaluated against the {judged} gates.",
                purpose=purpose,
                judged=word(judged),
            ),
            links,
        )
    fidelity = [g for g in gates if gate_category(g["name"]) == "fidelity"]
    deliberate = (dataset.labels or {}).get("deliberate_columns") or []
    text = Msg(
        "Purpose {purpose}, judged by that purpose's gates. {gates}",
        purpose=purpose,
        gates=gate_text(fidelity) or Msg("No fidelity gate."),
    )
    if deliberate:
        text = Msg(
            "{text} Columns changed on purpose: {columns}.",
            text=text,
            columns=", ".join(map(str, deliberate)),
        )
    status = cap_inherited(worst(g["status"] for g in fidelity) if fidelity else PASS, inherited)
    return ChecklistItem(
        "norm1_purpose",
        title,
        "norms",
        1,
        status,
        with_inherited_note(text, evaluation, inherited),
        links,
        {
            "purpose": dataset.purpose,
            "gates": fidelity,
            "deliberate_columns": deliberate,
            "bias_target": (dataset.labels or {}).get("bias_target"),
        },
    )
