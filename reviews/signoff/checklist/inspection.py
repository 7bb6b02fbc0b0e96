"""The sampling inspection item: every attempt of the dataset, with its result.

The newest attempt decides the status, but none is left out: a pass after a failure shows
both, and stays a warning until an officer records why the earlier failure no longer applies
(grant ``inspection_failure_explained``, newer than the last failure). A batch saved faster
than the workspace's seconds per row (``reviews.workspace.inspection_pace``) also warns: its
rows may have been ticked rather than read.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reviews import queries
from reviews.queries import inspections as inspection_queries
from reviews.signoff.checklist.items import FAIL, MISSING, PASS, WARN, ChecklistItem, worst
from reviews.workspace.inspection_pace import min_seconds_per_row, too_fast
from synth.i18n import N_, Msg, joined, word

EXPLAINED = "inspection_failure_explained"


def inspection_item(store, dataset) -> ChecklistItem:
    title = N_("Sampling inspection")
    attempts = inspection_queries.inspection_attempts(store, dataset.id)
    if not attempts:
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
    latest = attempts[-1]
    failures = [a for a in attempts if a["status"] == "failed"]
    explanation = _explanation(store, dataset.id, failures)
    pace = min_seconds_per_row(store)
    fast = [b for b in latest["batches"] if too_fast(b, pace)]
    texts = [_attempt_text(a) for a in attempts]
    if latest["status"] == "open":
        status = MISSING
        texts.append(Msg("inspection:{id} is still open; finish judging its sample.", id=latest["id"]))
    elif latest["status"] == "failed":
        status = FAIL
    else:
        status = PASS
        if failures and explanation is None:
            status = WARN
            texts.append(
                Msg(
                    "An earlier attempt failed; it counts until an officer records why that failure no "
                    "longer applies."
                )
            )
    if failures and explanation is not None:
        texts.append(
            Msg(
                "Earlier failure explained by {officer}: {justification}",
                officer=explanation["by"],
                justification=explanation["justification"],
            )
        )
    if fast:
        status = worst([status, WARN])
        texts.append(
            Msg(
                "Judged faster than {pace:g} s a row: {batches}.",
                pace=pace,
                batches=joined(_batch_text(b) for b in fast),
            )
        )
    marked = sum(b["marked_rows"] for b in latest["batches"])
    if marked:
        texts.append(
            Msg("{n} row(s) of inspection:{id} were marked passing by one action.", n=marked, id=latest["id"])
        )
    return ChecklistItem(
        "inspection",
        title,
        "inspection",
        None,
        status,
        joined(texts, " "),
        tuple(f"inspection:{a['id']}" for a in attempts),
        {
            **dict(latest["result"] or {}),
            "attempts": [_attempt_details(a) for a in attempts],
            "failure_explained": explanation,
            "min_seconds_per_row": pace,
            "fast_batches": [_batch_details(b) for b in fast],
        },
    )


def needs_explanation(item: ChecklistItem) -> bool:
    """Whether the item waits for an officer to explain an earlier failed attempt."""
    attempts = item.details.get("attempts") or []
    return (
        bool(attempts)
        and attempts[-1]["status"] == "passed"
        and any(a["status"] == "failed" for a in attempts)
        and item.details.get("failure_explained") is None
    )


def _attempt_text(attempt: dict) -> Msg:
    result = attempt["result"] or {}
    if attempt["status"] == "open":
        judged = sum(b["rows"] for b in attempt["batches"])
        return Msg(
            "inspection:{id} open: {judged} of {size} rows saved.",
            id=attempt["id"],
            judged=judged,
            size=len(attempt["rows"]),
        )
    return Msg(
        "inspection:{id} {status}: {passed}/{inspected} rows passed; 95% Wilson lower bound {lower:.3f} "
        "against the required {required:.2f}.",
        id=attempt["id"],
        status=word(attempt["status"]),
        passed=result.get("passed_rows"),
        inspected=result.get("inspected"),
        lower=result.get("lower_bound", float("nan")),
        required=attempt["min_lower"],
    )


def _batch_text(batch: dict) -> Msg:
    return Msg(
        "{rows} rows in {seconds:.0f} s by {reviewer}",
        rows=batch["rows"],
        seconds=batch["seconds"],
        reviewer=batch["reviewer"],
    )


def _batch_details(batch: dict) -> dict:
    return {
        "reviewer": batch["reviewer"],
        "rows": batch["rows"],
        "marked_rows": batch["marked_rows"],
        "seconds": batch["seconds"],
        "saved_at": _utc(batch["saved_at"]).isoformat(),
    }


def _attempt_details(attempt: dict) -> dict:
    return {
        "id": attempt["id"],
        "status": attempt["status"],
        "result": attempt["result"],
        "min_lower": attempt["min_lower"],
        "sample_size": len(attempt["rows"]),
        "batches": [_batch_details(b) for b in attempt["batches"]],
    }


def _explanation(store, dataset_id: int, failures: list[dict]) -> dict | None:
    """The officer's explanation in force, if it is newer than the last failure it must cover."""
    if not failures:
        return None
    grant = queries.get_grant(store, EXPLAINED, dataset_id)
    if grant is None:
        return None
    last_failure = max(_utc(f["closed_at"] or f["created_at"]) for f in failures)
    return grant if _utc(datetime.fromisoformat(grant["at"])) > last_failure else None


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
