"""Norm 3, quality in, quality out (the real source's score) and this dataset's own data quality.

Quality scores (0-100, see ``synth.profile.quality``) pass from 80 and warn from 60.
"""

from __future__ import annotations

from reviews import queries
from reviews.signoff.checklist.items import FAIL, MISSING, PASS, WARN, ChecklistItem
from reviews.signoff.documentation import source_dataset
from synth.i18n import N_, Msg, joined, stored_message, word
from synth.profile.quality import assess_quality

QUALITY_PASS, QUALITY_WARN = 80.0, 60.0


def quality_status(score: float) -> str:
    return PASS if score >= QUALITY_PASS else (WARN if score >= QUALITY_WARN else FAIL)


def findings_text(findings: list[dict]) -> str:
    # A finding's kind is an identifier; its English is the identifier, its translation a name.
    return joined(
        (
            Msg(
                "{kind} in {column}: {detail}",
                kind=word(f["kind"]),
                column=str(f["column"]),
                detail=stored_message(f, "detail"),
            )
            if f.get("column")
            else Msg("{kind}: {detail}", kind=word(f["kind"]), detail=stored_message(f, "detail"))
            for f in findings[:5]
        ),
        "; ",
    ) or Msg("no findings")


def source_quality_item(store, dataset) -> ChecklistItem:
    title = N_("Quality in, quality out")
    source = source_dataset(store, dataset)
    quality = (source.profile or {}).get("quality") if source else None
    if quality is None:
        return ChecklistItem(
            "norm3_source_quality",
            title,
            "norms",
            3,
            MISSING,
            N_("The real source has no quality profile."),
            (f"dataset:{dataset.id}",),
        )
    text = Msg(
        "Source dataset:{id} quality score {score:.0f}/100: {findings}.",
        id=source.id,
        score=quality["score"],
        findings=findings_text(quality["findings"]),
    )
    return ChecklistItem(
        "norm3_source_quality",
        title,
        "norms",
        3,
        quality_status(quality["score"]),
        text,
        (f"dataset:{source.id}",),
        {"score": quality["score"], "findings": quality["findings"]},
    )


def data_quality_item(store, dataset) -> ChecklistItem:
    source = source_dataset(store, dataset)
    types = {c["name"]: c["type"] for c in ((source.profile or {}) if source else {}).get("columns", [])}
    frame = queries.load_frame(store, dataset.id)
    frame = frame[[c for c in frame.columns if c in types]]
    if not types:
        return ChecklistItem(
            "data_quality",
            N_("Data quality"),
            "data",
            None,
            MISSING,
            N_("Column types are unknown (the source has no profile)."),
            (f"dataset:{dataset.id}",),
        )
    report = assess_quality(frame, types)
    text = Msg(
        "This dataset's quality score {score:.0f}/100: {findings}.",
        score=report.score,
        findings=findings_text(report.findings),
    )
    return ChecklistItem(
        "data_quality",
        N_("Data quality"),
        "data",
        None,
        quality_status(report.score),
        text,
        (f"dataset:{dataset.id}",),
        report.to_dict(),
    )
