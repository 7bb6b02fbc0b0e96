"""Collapse Lab: why rounds of synthetic-on-synthetic generation are limited (norm 5)."""

import streamlit as st

from reviews import queries
from reviews.jobs.kinds import COLLAPSE_TABLE as KIND
from reviews.lineage.depth_limit import current_depth_limit, set_depth_limit
from reviews.queries import jobs as job_queries
from reviews.services.collapse import TABLE_GENERATORS, start_table_collapse
from synth.lineage.collapse import (
    TableCollapse,
    categories_figure,
    column_shape_figure,
    run_gaussian_lab,
    table_summary,
)
from synth.lineage.collapse.charts import GENERATION
from ui.collapse_arms_view import curated_arm
from ui.collapse_curated_view import render_curated_table
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _, tr
from ui.job_view import render_job
from ui.plain import fmt, md
from ui.state import get_store
from ui.tables import headed, translated

actor = page_actor("collapse")
store = get_store()


@st.cache_data(show_spinner=_("Simulating…"), max_entries=16)
def gaussian_lab(samples: int, generations: int, runs: int, mode: str, seed: int):
    return run_gaussian_lab(samples, generations, runs, mode, seed)


st.title(_("Collapse Lab"))
st.caption(
    _(
        "Shumailov et al. (Nature, 2024): a model refitted on its own output, round after round, drifts "
        "and loses its tails. Keeping the real data (Gerstgrasser et al., 2024) keeps the error bounded."
    )
)
model = st.radio(
    _("Model"),
    ["gaussian", "table"],
    horizontal=True,
    key="collapse_model",
    format_func=lambda m: _("One-dimensional Gaussian") if m == "gaussian" else _("A real table"),
)
mode = st.radio(
    _("Mode"),
    ["replace", "accumulate"],
    horizontal=True,
    key="collapse_mode",
    format_func=lambda m: (
        _("replace: keep only the latest synthetic data")
        if m == "replace"
        else _("accumulate: keep the real data and all earlier synthetic data")
    ),
)
if model == "gaussian":
    c1, c2, c3 = st.columns(3)
    samples = c1.number_input(_("Samples per generation (M)"), 2, 10_000, 100, key="collapse_m")
    generations = c2.number_input(_("Generations (G)"), 1, 2_000, 200, key="collapse_g")
    runs = c3.number_input(_("Runs"), 1, 20_000, 2_000, key="collapse_runs")
    with user_errors():
        lab = gaussian_lab(int(samples), int(generations), int(runs), mode, 0)
        st.info(md(tr(lab.explanation)))
        limit = lab.limit.theory_rounds
        st.metric(_("Recommended maximum rounds (median variance loss ≤ 10%)"), limit)
        for name, figure in lab.figures(translate=_).items():
            st.plotly_chart(figure, key=f"collapse_fig_{name}")
        st.markdown("#### " + _("The same numbers as a table"))
        st.dataframe(headed(translated(lab.summary()).rename_axis(tr(GENERATION))), key="collapse_summary")
        st.caption(fmt(_("Current workspace depth limit: {n}"), n=current_depth_limit(store)))
        if actor.role == "admin" and st.button(
            _("Apply {n} as the workspace's depth limit").format(n=limit), key="collapse_apply"
        ):
            set_depth_limit(store, actor, limit)
            st.success(fmt(_("The depth limit is now {n}."), n=limit))
    curated_arm(int(samples), int(generations), int(runs))
else:
    real = [d for d in queries.list_datasets(store) if d.kind == "real"]
    if not real:
        st.info(_("Load a real table on the Data page first."))
        st.stop()
    with st.form("collapse_table_form"):
        dataset_id = st.selectbox(
            _("Real table"),
            [d.id for d in real],
            key="collapse_dataset",
            format_func=lambda i: next(f"#{d.id} · {d.name}" for d in real if d.id == i),
        )
        generator = st.selectbox(_("Generator"), TABLE_GENERATORS, key="collapse_generator")
        c1, c2, c3 = st.columns(3)
        samples = c1.number_input(_("Rows per generation (M)"), 10, 5_000, 50, key="collapse_table_m")
        generations = c2.number_input(_("Generations (G)"), 1, 100, 15, key="collapse_table_g")
        runs = c3.number_input(_("Runs"), 1, 20, 3, key="collapse_table_runs")
        if st.form_submit_button(_("Run in the background"), type="primary"):
            with user_errors():
                start_table_collapse(
                    store,
                    actor,
                    dataset_id,
                    samples=int(samples),
                    generations=int(generations),
                    runs=int(runs),
                    mode=mode,
                    generator=generator,
                )
    job = job_queries.latest_job(store, KIND, actor.username)
    if job:
        job = render_job(job["id"], actor, key="collapse_job")
        if job["status"] == "done":
            table = TableCollapse.from_dict(job["result"])
            st.plotly_chart(categories_figure(table, translate=_), key="collapse_categories")
            st.plotly_chart(column_shape_figure(table, translate=_), key="collapse_shapes")
            summary = headed(translated(table_summary(table)).rename_axis(tr(GENERATION)))
            st.dataframe(summary, key="collapse_table_summary")
    render_curated_table(store, actor, real)
