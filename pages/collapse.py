"""Collapse Lab: why rounds of synthetic-on-synthetic generation are limited (norm 5)."""

import streamlit as st

from reviews import queries
from reviews.jobs.kinds import COLLAPSE_TABLE as KIND
from reviews.lineage.depth_limit import current_depth_limit, set_depth_limit
from reviews.queries import jobs as job_queries
from reviews.services.collapse import TABLE_GENERATORS, start_table_collapse
from synth.lineage.collapse import (
    Curation,
    TableCollapse,
    categories_figure,
    column_shape_figure,
    run_arms,
    run_gaussian_lab,
    table_summary,
)
from synth.lineage.collapse.charts import GENERATION
from ui.collapse_curated_view import render_curated_table
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _, tr
from ui.job_view import render_job
from ui.plain import fmt, md
from ui.state import get_store
from ui.tables import translated

actor = page_actor("collapse")
store = get_store()


@st.cache_data(show_spinner=_("Simulating…"), max_entries=16)
def gaussian_lab(samples: int, generations: int, runs: int, mode: str, seed: int):
    return run_gaussian_lab(samples, generations, runs, mode, seed)


#: The curated arm draws K candidates per kept sample, so the page runs fewer runs for it.
ARM_RUNS = 200


@st.cache_data(show_spinner=_("Simulating…"), max_entries=16)
def three_arms(samples: int, generations: int, runs: int, curation: Curation, seed: int):
    return run_arms(samples, generations, runs, curation, seed)


def curated_arm(samples: int, generations: int, runs: int) -> None:
    """Replace, accumulate and a curated setting side by side, with the lesson in words."""
    st.markdown("### " + _("Human curation: a third arm"))
    st.caption(
        _(
            "Each kept synthetic sample is chosen among K candidates by a Bradley–Terry chooser under a "
            "reward (Ferbach et al., 2024). Quadratic reward: closeness to a target x*; linear: larger is "
            "better. Optionally a share of fresh real data is kept each round (Bertrand et al., ICLR 2024)."
        )
    )
    c1, c2, c3, c4 = st.columns(4)
    method = c1.selectbox(
        _("Choice"),
        ["softmax", "best_of_k"],
        key="collapse_curation",
        format_func=lambda m: _("softmax of the reward") if m == "softmax" else _("best of K"),
    )
    k = c2.number_input(_("Candidates per sample (K)"), 2, 256, 8, key="collapse_k")
    reward = c3.selectbox(
        _("Reward"),
        ["quadratic", "linear"],
        key="collapse_reward",
        format_func=lambda r: _("close to a target") if r == "quadratic" else _("larger is better"),
    )
    beta = c4.number_input(_("Strength β"), 0.01, 100.0, 1.0, key="collapse_beta")
    c5, c6, c7 = st.columns(3)
    target = c5.number_input(_("Target x*"), -10.0, 10.0, 1.0, key="collapse_target")
    tau = c6.number_input(_("Width τ"), 0.05, 100.0, 2.0, key="collapse_tau")
    share = c7.slider(_("Real data kept each round"), 0.0, 0.95, 0.2, 0.05, key="collapse_share")
    curation = Curation(method, int(k), reward, float(beta), float(target), float(tau), float(share))
    with user_errors():
        arms = three_arms(samples, generations, min(runs, ARM_RUNS), curation, 0)
        st.info(md(tr(arms.lesson)))
        st.markdown(md(tr(arms.advice_text)))
        st.dataframe(translated(arms.summary()).rename_axis(tr("arm")), key="collapse_arms_summary")
        for name, figure in arms.figures(translate=_).items():
            st.plotly_chart(figure, key=f"collapse_arms_{name}")


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
        st.dataframe(translated(lab.summary()).rename_axis(tr(GENERATION)), key="collapse_summary")
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
            st.dataframe(
                translated(table_summary(table)).rename_axis(tr(GENERATION)), key="collapse_table_summary"
            )
    render_curated_table(store, actor, real)
