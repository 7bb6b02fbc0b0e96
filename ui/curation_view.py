"""Curated generation on the Rounds page: the form, the job, and what curation did."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.jobs.kinds import CURATE
from reviews.queries import jobs as job_queries
from reviews.services.curation import start_curation
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import stored_messages
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.job_view import render_job
from ui.plain import fmt, md


def render_curation(store: Store, actor: Actor, round_id: int) -> None:
    """A steward makes a curated dataset from this round's preference model (a background job)."""
    if not actor.can("generate"):
        return
    st.caption(
        _(
            "Draw K candidates per row from the same generator (refitted on the training rows, same seed, "
            "so the depth does not grow) and keep one by the round's preference model. Flagged rows and "
            "rows the acceptance rules would reject are never kept."
        )
    )
    with st.form("rounds_curate_form"):
        c1, c2, c3, c4 = st.columns(4)
        rows = c1.number_input(_("Rows to keep (n)"), 1, 50_000, 500, key="rounds_curate_rows")
        k = c2.number_input(_("Candidates per row (K)"), 1, 64, 4, key="rounds_curate_k")
        beta = c3.number_input(_("Strength β"), 0.0, 100.0, 1.0, key="rounds_curate_beta")
        mode = c4.selectbox(
            _("Choice"),
            ["softmax", "best_of_k"],
            key="rounds_curate_mode",
            format_func=lambda m: _("softmax of the reward") if m == "softmax" else _("best of K"),
        )
        if st.form_submit_button(_("Make a curated dataset"), type="primary"):
            with user_errors():
                start_curation(store, actor, round_id, rows=int(rows), k=int(k), beta=float(beta), mode=mode)
    job = job_queries.latest_job(store, CURATE, actor.username)
    if not job or job["params"].get("round_id") != round_id:
        return
    job = render_job(job["id"], actor, key="rounds_curate_job")
    if job["status"] != "done":
        return
    report = job["result"]["report"]
    st.success(fmt(_("Curated dataset #{id} is stored."), id=job["result"]["dataset_id"]))
    c1, c2 = st.columns(2)
    c1.metric(
        _("Mean utility"),
        f"{report['mean_utility_after']:.3f}" if report["mean_utility_after"] is not None else "–",
        f"{report['mean_utility_after'] - report['mean_utility_before']:+.3f}"
        if report["mean_utility_after"] is not None
        else None,
    )
    c2.metric(
        _("Rows with a value in the tails (norm 2)"),
        f"{report['tail_rows_after']:.1%}",
        f"{report['tail_rows_after'] - report['tail_rows_before']:+.1%}",
    )
    if report["mean_utility_after"] is not None:
        st.caption(
            fmt(
                _(
                    "Mean utility of all {candidates} candidates: {before:.3f}; "
                    "of the {kept} kept rows: {after:.3f}."
                ),
                candidates=report["candidates"],
                before=report["mean_utility_before"],
                kept=report["kept"],
                after=report["mean_utility_after"],
            )
        )
    for warning in stored_messages(report, "warnings"):
        st.warning(md(tr(warning)))
    st.markdown("##### " + _("What curation did to each column"))
    columns = pd.DataFrame(report["columns"]).T
    # Numbers and categories are measured differently; one table each keeps every cell filled.
    measures = {
        "numeric": {
            "shape": _("column shape (1 = unchanged)"),
            "variance_ratio": _("variance ratio"),
            "tail_mass_before": _("tail mass before"),
            "tail_mass_after": _("tail mass after"),
        },
        "categorical": {
            "shape": _("column shape (1 = unchanged)"),
            "categories_before": _("categories before"),
            "categories_kept": _("categories kept"),
            "coverage": _("category coverage"),
        },
    }
    for kind, headers in measures.items():
        part = columns.loc[columns["kind"] == kind, list(headers)].astype(float)
        if part.empty:
            continue
        part.index.name = _("numeric column") if kind == "numeric" else _("categorical column")
        st.dataframe(part.rename(columns=headers).round(3), key=f"rounds_curate_{kind}")
    if report["protected"]:
        st.markdown("##### " + _("Each protected group's share, before and after"))
    for name, groups in report["protected"].items():
        shares = pd.DataFrame(groups).T.rename(columns={"before": _("before"), "after": _("after")})
        shares.index.name = name
        st.dataframe(shares, key=f"rounds_curate_protected_{name}")
