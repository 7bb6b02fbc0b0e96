"""Norm 6, human judgement decides: the review rounds' answers, agreement and the acceptance.

Krippendorff's alpha below 0.667 warns (``reviews.ranking.agreement.ALPHA_THRESHOLD``) unless an
officer accepted it with a justification (grant ``low_agreement_accepted``); it also warns while
a reviewer with low reliability or gold accuracy is weighted above
``reviews.ranking.reliability.MIN_WEIGHT`` (see ``reviews.ranking.reviewer_quality``).
"""

from __future__ import annotations

from reviews import queries
from reviews.queries import acceptance as acceptance_queries
from reviews.queries import rounds as round_queries
from reviews.ranking.agreement import ALPHA_THRESHOLD, agreement_report
from reviews.ranking.reliability import MIN_WEIGHT
from reviews.ranking.report import round_reviewer_quality
from reviews.signoff.checklist.items import MISSING, PASS, WARN, ChecklistItem
from synth.i18n import N_, Msg
from synth.numbers import readable


def _reviewed_dataset_id(dataset) -> int:
    # Rounds run on synthetic rows; accepted rows were judged in their parent's rounds.
    return dataset.parent_id if dataset.kind == "accepted" and dataset.parent_id else dataset.id


def human_judgement_item(store, dataset) -> ChecklistItem:
    title = N_("Human judgement decides")
    reviewed = _reviewed_dataset_id(dataset)
    rounds = round_queries.list_rounds(store, reviewed)
    answered = round_queries.answer_counts(store, [r.id for r in rounds])
    decision = acceptance_queries.latest_decision(store, dataset.id, accepted=dataset.kind == "accepted")
    used = [r for r in rounds if answered.get(r.id)]
    links = tuple(f"round:{r.id}" for r in used)
    if not used:
        return ChecklistItem(
            "norm6_human_judgement",
            title,
            "norms",
            6,
            MISSING,
            Msg("No review round on dataset:{dataset_id} has answers yet.", dataset_id=reviewed),
            (f"dataset:{reviewed}",),
        )
    round_id = decision["round_id"] if decision else used[-1].id
    agreement = agreement_report(round_queries.ranking_answers(store, round_id))
    alpha = agreement.alpha
    alpha_text = (
        Msg("not measurable (no task answered by two reviewers)") if alpha != alpha else f"{alpha:.3f}"
    )
    total = sum(answered[r.id] for r in used)
    text = Msg(
        "{answers} answers in {rounds} round(s); agreement alpha {alpha} in round:{round_id}.",
        answers=total,
        rounds=len(used),
        alpha=alpha_text,
        round_id=round_id,
    )
    if decision is None:
        status = WARN
        text = Msg(
            "{text} No acceptance was applied: approval normally applies to the accepted rows.", text=text
        )
    else:
        counts = decision["counts"] or {}
        text = Msg(
            "{text} Acceptance applied by {user} at threshold {threshold} (accepted {accepted} rows).",
            text=text,
            user=decision["decided_by"],
            threshold=readable(decision["threshold"]),
            accepted=counts.get("accepted", "?"),
        )
        quality = round_reviewer_quality(store, round_id)
        justified = queries.get_grant(store, "low_agreement_accepted", reviewed)
        low_agreement = not (alpha == alpha and alpha >= ALPHA_THRESHOLD)
        status = WARN if (low_agreement and not justified) or quality.weighted_unreliable else PASS
        if low_agreement and justified:
            text = Msg(
                "{text} Agreement below {threshold} accepted by {officer}: {justification}",
                text=text,
                threshold=ALPHA_THRESHOLD,
                officer=justified["by"],
                justification=justified["justification"],
            )
        if quality.weighted_unreliable:
            text = Msg(
                "{text} Unreliable reviewer(s) still weighted above {weight} in the model: {names}.",
                text=text,
                weight=MIN_WEIGHT,
                names=", ".join(quality.weighted_unreliable),
            )
        links += (f"dataset:{decision['accepted_dataset_id']}",)
    return ChecklistItem(
        "norm6_human_judgement",
        title,
        "norms",
        6,
        status,
        text,
        links,
        {
            "answers": sum(answered[r.id] for r in used),
            "alpha": None if alpha != alpha else alpha,
            "acceptance": None
            if decision is None
            else {
                "round_id": decision["round_id"],
                "threshold": decision["threshold"],
                "decided_by": decision["decided_by"],
                "counts": decision["counts"],
            },
        },
    )
