"""Acceptance controls: a threshold slider with a live preview, then apply; and the inspection."""

from __future__ import annotations

import streamlit as st

from reviews import queries
from reviews.acceptance.apply import FidelityPreview, acceptance_inputs, apply_acceptance
from reviews.acceptance.fairness_shift import FairnessPreview
from reviews.acceptance.inspection import list_inspections, start_inspection
from reviews.acceptance.rules import decide
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import evaluation_inputs
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.charts.review import scores_chart
from ui.evidence import named
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.plain import fmt
from ui.state import get_store
from ui.tables import translated


# Both previews are built once per reviewed dataset: they hold its rows, which the slider
# re-scores. They are keyed by the dataset's content hash beside its id because ids start again
# in a fresh workspace (a demo reset, another home), and these caches outlive both.
@st.cache_resource(show_spinner=False, max_entries=4)
def fairness_preview(dataset_id: int, sha256: str) -> FairnessPreview:
    return FairnessPreview(evaluation_inputs(get_store(), dataset_id))


@st.cache_resource(show_spinner=False, max_entries=4)
def fidelity_preview(dataset_id: int, sha256: str) -> FidelityPreview:
    return FidelityPreview(evaluation_inputs(get_store(), dataset_id))


def render_acceptance(store: Store, actor: Actor, round_id: int) -> None:
    inputs = acceptance_inputs(store, round_id)
    reviewed = queries.get_dataset(store, round_queries.get_round(store, round_id).dataset_id)
    low, high = float(inputs.scores.min()), float(inputs.scores.max())
    if high <= low:
        st.info(_("Scores appear once the first batch is answered and the model is fitted."))
        return
    min_flags = st.number_input(
        _("Reject a row flagged by at least this many reviewers"), 1, 10, 1, key="rounds_min_flags"
    )
    preview = inputs.preview(int(min_flags))
    threshold = st.slider(
        _("Accept rows scoring at least"), low, high, preview.threshold_for_share(0.8), key="rounds_threshold"
    )
    counts = preview.counts(threshold)
    accepted = decide(inputs.scores, inputs.flag_counts, threshold, int(min_flags)).accepted
    effect = fidelity_preview(reviewed.id, reviewed.sha256).effect(accepted)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("Would be accepted"), counts.accepted)
    c2.metric(_("Rejected by flags"), counts.rejected_by_flags)
    c3.metric(_("Rejected by score"), counts.rejected_by_score)
    c4.metric(
        _("Column shapes of accepted rows"),
        "–" if effect.accepted_rows is None else f"{effect.accepted_rows:.3f}",
        delta=None
        if effect.accepted_rows is None or effect.all_rows is None
        else f"{effect.accepted_rows - effect.all_rows:+.3f}",
        help=_(
            "Mean KSComplement/TVComplement against the real training rows; the change is against all rows."
        ),
    )
    groups = fairness_preview(reviewed.id, reviewed.sha256)
    if groups.applies:
        shift = groups.effect(accepted)
        st.markdown("#### " + _("Protected groups: all rows and accepted rows"))
        st.dataframe(translated(shift.table), hide_index=True, key="rounds_group_shift")
        for warning in shift.warnings:
            st.warning(named(tr(warning)))
    st.plotly_chart(
        scores_chart(inputs.scores, threshold, _("Plausibility scores and the threshold"), translate=_),
        key="rounds_scores",
    )
    st.caption(
        fmt(
            _(
                "Text alternative: scores run from {low:.3f} to {high:.3f}; at the threshold {t:.3f}, "
                "{a} rows would be accepted (the counts above give the rejections by reason)."
            ),
            low=low,
            high=high,
            t=threshold,
            a=counts.accepted,
        )
    )
    if st.button(_("Apply acceptance"), type="primary", key="rounds_apply"):
        with user_errors():
            accepted_id = apply_acceptance(store, actor, round_id, threshold, int(min_flags))
            st.success(fmt(_("Accepted rows kept as dataset #{id}."), id=accepted_id))


def render_inspection(store: Store, actor: Actor, dataset_id: int) -> None:
    accepted = [d for d in queries.list_datasets(store) if d.kind == "accepted" and d.parent_id == dataset_id]
    if not accepted:
        st.caption(_("Apply acceptance first; the accepted rows are then inspected by sampling."))
        return
    target = st.selectbox(
        _("Accepted dataset"),
        [d.id for d in accepted],
        key="rounds_inspect_dataset",
        format_func=lambda i: f"#{i}",
    )
    with st.form("rounds_inspection_form"):
        size = st.number_input(
            _("Sample size"),
            1,
            4000,
            min(4000, next(d.rows for d in accepted if d.id == target)),
            key="rounds_inspect_size",
        )
        min_lower = st.number_input(
            _("Required lower bound of the pass rate"), 0.5, 0.999, 0.96, 0.01, key="rounds_inspect_min"
        )
        if st.form_submit_button(_("Start sampling inspection")):
            with user_errors():
                start_inspection(store, actor, target, int(size), float(min_lower))
                st.success(_("Inspection opened; reviewers will find it on their Inspect page."))
    for status in [s for s in list_inspections(store) if s.dataset_id == target]:
        result = status.result or {}
        st.write(
            fmt(
                _("Inspection {id}: {status}, {judged}/{size} rows judged, {passed} passed."),
                id=status.id,
                status=_(status.status),
                judged=status.judged,
                size=status.sample_size,
                passed=status.passed_rows,
            )
            + (
                fmt(
                    _(" Lower 95% Wilson bound {low:.3f} (needed {need:.2f})."),
                    low=result["lower_bound"],
                    need=status.min_lower,
                )
                if result
                else ""
            )
        )
