"""The gate items: privacy, fairness and utility gates of the dataset's evaluation."""

from __future__ import annotations

from reviews.signoff.checklist.evidence import cap_inherited, with_inherited_note
from reviews.signoff.checklist.items import FAIL, MISSING, NOT_APPLICABLE, PASS, WARN, ChecklistItem, worst
from synth.i18n import N_, Identifier, Msg, joined, word
from synth.purposes.gates import gate_explanation, gate_label

GATE_CATEGORIES = ("fidelity", "privacy", "fairness", "utility")
GATE_TITLES = {
    "privacy": N_("Privacy gates"),
    "fairness": N_("Fairness gates"),
    "utility": N_("Utility gates"),
}
NO_GATE = {
    "privacy": N_("No privacy gate applies to purpose {purpose}."),
    "fairness": N_("No fairness gate applies to purpose {purpose}."),
    "utility": N_("No utility gate applies to purpose {purpose}."),
}
GATE_STATUS_NAMES = {PASS: N_("PASS"), WARN: N_("WARN"), FAIL: N_("FAIL")}  # as the evidence writes them


def gate_category(name: str) -> str:
    """Which family a gate belongs to, from its name (custom gates follow the same words)."""
    if "fidelity" in name or "coverage" in name:
        return "fidelity"
    if "parity" in name or "fair" in name:
        return "fairness"
    if "utility" in name:
        return "utility"
    return "privacy"


def gate_text(gates: list[dict]) -> str:
    return joined(
        (
            Msg(
                "{name} {status} ({explanation})",
                name=Identifier(g["name"], gate_label(g["name"])),
                status=word(GATE_STATUS_NAMES.get(g["status"], g["status"].upper())),
                explanation=gate_explanation(g),
            )
            for g in gates
        ),
        "; ",
    )


def gate_item(category, dataset, evaluation, gates, inherited) -> ChecklistItem:
    key, title = f"gates_{category}", GATE_TITLES[category]
    if evaluation is None:
        return ChecklistItem(
            key,
            title,
            "gates",
            None,
            MISSING,
            N_("No evaluation yet; evaluate the dataset."),
            (f"dataset:{dataset.id}",),
        )
    links = (f"evaluation:{evaluation['id']}",)
    chosen = [g for g in gates if gate_category(g["name"]) == category]
    if not chosen:
        return ChecklistItem(
            key,
            title,
            "gates",
            None,
            NOT_APPLICABLE,
            Msg(NO_GATE[category], purpose=word(dataset.purpose)),
            links,
        )
    status = cap_inherited(worst(g["status"] for g in chosen), inherited)
    return ChecklistItem(
        key,
        title,
        "gates",
        None,
        status,
        with_inherited_note(gate_text(chosen), evaluation, inherited),
        links,
        {"gates": chosen},
    )
