"""Generate (stewards): pick a purpose and a generator, watch progress, read what was made."""

import streamlit as st

from reviews import queries
from reviews.jobs.kinds import GENERATE as KIND
from reviews.queries import jobs as job_queries
from reviews.services.generation import GenerationRequest, start_generation
from synth.generators import DEEP_GENERATORS, GENERATOR_NAMES
from synth.generators.dp_budget import DEFAULT_DELTA, DEFAULT_EPSILON, MAX_DELTA, MAX_EPSILON, is_dp
from synth.purposes import PURPOSES
from ui.dataset_picker import nesting, ordered_for_picking, picker_label
from ui.feedback import user_errors
from ui.generation_form import column_or_none, more_settings, parse_domain
from ui.generation_view import render_generated
from ui.guard import page_actor
from ui.i18n import _
from ui.job_view import render_job
from ui.labels import dataset_label
from ui.plain import fmt
from ui.state import get_store

actor = page_actor("generate")
store = get_store()
st.title(_("Generate synthetic data"))
sources = ordered_for_picking(queries.list_datasets(store), parts=False)
if not sources:
    st.info(_("Load a real table on the Data page first."))
    st.stop()
levels = nesting(sources)
names = {d.id: picker_label(d, levels[d.id], dataset_label(d)) for d in sources}
source_id = st.selectbox(_("Source table"), list(names), format_func=names.get, key="gen_source")
columns = queries.column_names(store, source_id)
purposes = st.multiselect(
    _("Purposes (one dataset per purpose, kept apart)"),
    PURPOSES,
    default=["privacy"],
    format_func=_,
    key="gen_purposes",
)
generator = st.selectbox(_("Generator"), GENERATOR_NAMES, key="gen_generator")
with st.form("gen_form"):
    specs = []
    if "privacy" in purposes:
        specs.append({"purpose": "privacy"})
    if "bias" in purposes:
        st.markdown("**" + _("Bias correction") + "**")
        protected = st.multiselect(_("Protected attributes"), columns, key="gen_protected")
        target = st.radio(
            _("Target"),
            ["equal_groups", "parity"],
            horizontal=True,
            key="gen_target",
            format_func=lambda t: (
                _("equal group shares") if t == "equal_groups" else _("equal label rate (demographic parity)")
            ),
        )
        bias_label = st.selectbox(
            _("Label (needed for parity)"), [None, *columns], format_func=column_or_none, key="gen_bias_label"
        )
        specs.append({"purpose": "bias", "protected": protected, "target": target, "label": bias_label})
    if "augmentation" in purposes:
        st.markdown("**" + _("Augmentation") + "**")
        column = st.selectbox(_("Column whose rare values to fill in"), columns, key="gen_aug_column")
        share = st.number_input(
            _("Target share of each rare value (0 = balance the column)"),
            0.0,
            0.5,
            0.0,
            0.01,
            key="gen_aug_share",
        )
        specs.append({"purpose": "augmentation", "column": column, "target_share": share or None})
    rows = st.number_input(_("Rows to generate"), 1, 1_000_000, 2_000, key="gen_rows")
    epsilon = delta = domain_text = None
    if is_dp(generator):
        st.markdown("**" + _("Differential privacy") + "**")
        st.caption(
            _(
                "The generated data is (epsilon, delta)-differentially private for each row of the training "
                "table: smaller epsilon is more private and less faithful. Bounds and categories you declare "
                "below are free; the others are paid for from epsilon."
            )
        )
        epsilon = st.number_input(
            _("Epsilon (privacy budget)"), 0.01, MAX_EPSILON, DEFAULT_EPSILON, 0.1, key="gen_epsilon"
        )
        delta = st.number_input(
            _("Delta (far below 1 / training rows)"),
            1e-12,
            MAX_DELTA,
            DEFAULT_DELTA,
            format="%.1e",
            key="gen_delta",
        )
        domain_text = st.text_area(
            _("Declared bounds and categories (JSON, optional; from a codebook, never from the data)"),
            "",
            placeholder='{"age": {"lower": 0, "upper": 100}, "sex": {"categories": ["Female", "Male"]}}',
            key="gen_domain",
        )
    seed, holdout, label, outliers, stages, epochs, batch = more_settings(columns)
    if st.form_submit_button(_("Generate"), type="primary"):
        deep = generator in DEEP_GENERATORS
        with user_errors():
            domain = parse_domain(domain_text)
            start_generation(
                store,
                actor,
                GenerationRequest(
                    source_id,
                    generator,
                    specs,
                    int(rows),
                    int(seed),
                    float(holdout),
                    label,
                    float(outliers),
                    int(epochs) if deep else None,
                    int(batch) if deep else None,
                    stages,
                    float(epsilon) if epsilon is not None else None,
                    float(delta) if delta is not None else None,
                    domain,
                ),
            )
job = job_queries.latest_job(store, KIND, actor.username)
if job:
    job = render_job(job["id"], actor, key="gen_job")
    if job["status"] == "done":
        st.success(fmt(_("Generated {n} dataset(s)."), n=len(job["result"]["dataset_ids"])))
        for dataset_id in job["result"]["dataset_ids"]:
            render_generated(store, dataset_id)
