"""Collapse Lab, table mode with a simulated reviewer: the form, the job and the three arms."""

from __future__ import annotations

import streamlit as st

from reviews.jobs.kinds import COLLAPSE_CURATED
from reviews.queries import jobs as job_queries
from reviews.services.collapse import TABLE_GENERATORS, start_curated_collapse
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.lineage.collapse.charts import curated_table_figure
from ui.feedback import user_errors
from ui.i18n import _
from ui.job_view import render_job


def render_curated_table(store: Store, actor: Actor, real: list) -> None:
    """Rounds with and without curation, and with real data kept, judged by a simulated reviewer."""
    st.markdown("### " + _("With a simulated reviewer: three arms"))
    st.caption(
        _(
            "A reviewer with a known utility over one column chooses among K candidates by the "
            "Bradley–Terry model, answering at random with the error rate. Replace, curated, and curated "
            "with a share of real data kept each round."
        )
    )
    with st.form("collapse_curated_form"):
        dataset_id = st.selectbox(
            _("Real table"),
            [d.id for d in real],
            key="collapse_cur_dataset",
            format_func=lambda i: next(f"#{d.id} · {d.name}" for d in real if d.id == i),
        )
        c1, c2, c3 = st.columns(3)
        column = c1.text_input(_("Column the reviewer judges"), "age", key="collapse_cur_column")
        preferred = c2.text_input(_("Preferred category (empty for a number)"), "", key="collapse_cur_pref")
        direction = c3.selectbox(
            _("For a number, prefer"),
            [1.0, -1.0],
            key="collapse_cur_direction",
            format_func=lambda d: _("larger values") if d > 0 else _("smaller values"),
        )
        c4, c5, c6, c7 = st.columns(4)
        k = c4.number_input(_("Candidates per sample (K)"), 2, 32, 4, key="collapse_cur_k")
        beta = c5.number_input(_("Strength β"), 0.0, 20.0, 2.0, key="collapse_cur_beta")
        error = c6.slider(_("Error rate"), 0.0, 1.0, 0.1, 0.05, key="collapse_cur_error")
        share = c7.slider(_("Real data kept each round"), 0.05, 0.95, 0.2, 0.05, key="collapse_cur_share")
        c8, c9, c10, c11 = st.columns(4)
        generator = c8.selectbox(_("Generator"), TABLE_GENERATORS, key="collapse_cur_generator")
        samples = c9.number_input(_("Rows per generation (M)"), 10, 2_000, 100, key="collapse_cur_m")
        generations = c10.number_input(_("Generations (G)"), 1, 50, 8, key="collapse_cur_g")
        runs = c11.number_input(_("Runs"), 1, 10, 1, key="collapse_cur_runs")
        if st.form_submit_button(_("Run the three arms in the background"), type="primary"):
            with user_errors():
                reviewer = {
                    "column": column.strip(),
                    "direction": float(direction),
                    "preferred": preferred.strip() or None,
                    "beta": float(beta),
                    "error_rate": float(error),
                }
                start_curated_collapse(
                    store,
                    actor,
                    dataset_id,
                    reviewer=reviewer,
                    samples=int(samples),
                    generations=int(generations),
                    runs=int(runs),
                    k=int(k),
                    real_share=float(share),
                    generator=generator,
                )
    job = job_queries.latest_job(store, COLLAPSE_CURATED, actor.username)
    if not job:
        return
    job = render_job(job["id"], actor, key="collapse_cur_job")
    if job["status"] == "done":
        for measure in ("utility", "column_shape", "coverage"):
            st.plotly_chart(
                curated_table_figure(job["result"], measure, translate=_), key=f"collapse_cur_{measure}"
            )
