"""Norm 2, keep a few outliers: the share of real outliers with a synthetic counterpart passes
from ``OUTLIERS_PASS`` and warns above 0."""

from __future__ import annotations

from reviews.signoff.checklist.items import FAIL, MISSING, PASS, WARN, ChecklistItem
from synth.i18n import N_, Msg

OUTLIERS_PASS = 0.5


def outliers_item(dataset) -> ChecklistItem:
    title, links = N_("Keep a few outliers"), (f"dataset:{dataset.id}",)
    coverage = (dataset.lineage or {}).get("outlier_coverage")
    if coverage is None:
        return ChecklistItem(
            "norm2_outliers", title, "norms", 2, MISSING, N_("No outlier coverage was measured."), links
        )
    real = sum(c["real_outliers"] for c in coverage)
    covered = sum(c["covered"] for c in coverage)
    injected = (dataset.lineage or {}).get("settings", {}).get("outlier_fraction") or 0
    if real == 0:
        return ChecklistItem(
            "norm2_outliers",
            title,
            "norms",
            2,
            PASS,
            N_("The source had no outliers to keep."),
            links,
            {"real_outliers": 0, "covered": 0, "injected_fraction": injected},
        )
    share = covered / real
    status = PASS if share >= OUTLIERS_PASS else (WARN if covered else FAIL)
    columns = ", ".join(
        f"{c['column']} {c['covered']}/{c['real_outliers']}" for c in coverage if c["real_outliers"]
    )
    text = Msg(
        "{covered} of {real} real outliers ({share:.0%}) have a synthetic counterpart ({columns}); "
        "injected outlier fraction {injected}.",
        covered=covered,
        real=real,
        share=share,
        columns=columns,
        injected=injected,
    )
    return ChecklistItem(
        "norm2_outliers",
        title,
        "norms",
        2,
        status,
        text,
        links,
        {"real_outliers": real, "covered": covered, "share_covered": share, "injected_fraction": injected},
    )
