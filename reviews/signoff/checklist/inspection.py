"""The sampling inspection item."""

from __future__ import annotations

from reviews.queries import inspections as inspection_queries
from reviews.signoff.checklist.items import FAIL, MISSING, PASS, ChecklistItem
from synth.i18n import N_, Msg, word


def inspection_item(store, dataset) -> ChecklistItem:
    title = N_("Sampling inspection")
    row = inspection_queries.latest_inspection(store, dataset.id)
    if row is None:
        text = (
            Msg("No sampling inspection of dataset:{dataset_id}.", dataset_id=dataset.id)
            if dataset.kind == "accepted"
            else Msg(
                "No sampling inspection of dataset:{dataset_id}. Inspections run on accepted rows; "
                "apply acceptance first.",
                dataset_id=dataset.id,
            )
        )
        return ChecklistItem(
            "inspection", title, "inspection", None, MISSING, text, (f"dataset:{dataset.id}",)
        )
    links = (f"inspection:{row['id']}",)
    if row["status"] == "open":
        return ChecklistItem(
            "inspection",
            title,
            "inspection",
            None,
            MISSING,
            Msg("inspection:{id} is still open; finish judging its sample.", id=row["id"]),
            links,
        )
    result = row["result"] or {}
    text = Msg(
        "inspection:{id} {status}: {passed}/{inspected} rows passed; 95% Wilson lower bound {lower:.3f} "
        "against the required {required:.2f}.",
        id=row["id"],
        status=word(row["status"]),
        passed=result.get("passed_rows"),
        inspected=result.get("inspected"),
        lower=result.get("lower_bound", float("nan")),
        required=row["min_lower"],
    )
    return ChecklistItem(
        "inspection",
        title,
        "inspection",
        None,
        PASS if row["status"] == "passed" else FAIL,
        text,
        links,
        dict(result),
    )
