"""Render a round report for stewards: progress, agreement, the model, flags, blind test."""

from __future__ import annotations

import math

import streamlit as st

from reviews.ranking.features import feature_label
from reviews.ranking.report import RoundReport
from synth.charts.review import weights_chart
from ui.evidence import named
from ui.i18n import _, tr
from ui.plain import fmt, md
from ui.tables import headed, translated


def _number(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}"


def render_report(report: RoundReport) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("Answers"), report.responses)
    c2.metric(_("Skipped"), report.skipped)
    c3.metric(_("Krippendorff's alpha"), _number(report.agreement.alpha))
    c4.metric(_("Kendall's W"), _number(report.agreement.kendalls_w))
    if report.agreement.warning:
        st.warning(md(tr(report.agreement.warning)))
    if report.proxy_warning:
        st.warning(md(tr(report.proxy_warning)))
    left, right = st.columns(2)
    with left:
        st.markdown("#### " + _("Progress"))
        st.dataframe(headed(translated(report.progress)), hide_index=True, key="rounds_progress")
    with right:
        st.markdown("#### " + _("Preference model"))
        if report.weights.empty:
            st.info(_("The model is fitted when the first batch is fully answered."))
        else:
            # Feature names read "<column> outside real range" and the like: show them translated.
            weights = report.weights.assign(feature=[tr(feature_label(f)) for f in report.weights["feature"]])
            st.plotly_chart(
                weights_chart(weights, _("What makes a row plausible to reviewers"), translate=_),
                key="rounds_weights",
            )
            st.caption(
                fmt(
                    _("Fitted on {n} comparisons. Text alternative: the largest weight is {f} ({w:+.2f})."),
                    n=report.n_pairs,
                    f=weights.iloc[0]["feature"],
                    w=weights.iloc[0]["weight"],
                )
            )
        if report.cross_check is not None:
            st.caption(
                fmt(
                    _(
                        "Cross-check against per-row Bradley–Terry scores (choix): Kendall tau {t:.2f} "
                        "over {n} compared rows."
                    ),
                    t=report.cross_check.kendall_tau,
                    n=report.cross_check.n_items,
                )
            )
    # Seven columns: the whole width, so none is cut off at 1440 pixels.
    st.markdown("#### " + _("Reviewers: agreement, reliability and gold accuracy"))
    st.dataframe(headed(translated(report.quality.table)), hide_index=True, key="rounds_agreement")
    st.caption(
        _(
            "Agreement: Kendall tau with the other reviewers. Reliability: the share of answers the "
            "model takes as judgement rather than chance (CrowdBT); it weighs their answers. Gold: "
            "tasks with a known answer, with the 95% Wilson interval."
        )
    )
    for warning in report.quality.warnings:
        st.warning(named(tr(warning)))
    st.markdown("#### " + _("Flags"))
    if report.flags.empty:
        st.caption(_("No row has been flagged."))
    else:
        # Reasons are stored as identifiers ("impossible_value"); the catalog has them with spaces.
        flags = report.flags.assign(reason=report.flags["reason"].str.replace("_", " "))
        st.dataframe(translated(flags, values=["reason"]), hide_index=True, key="rounds_flags")
    if report.blind is not None:
        st.markdown("#### " + _("Blind test"))
        st.metric(
            _("Reviewers' accuracy at telling real from synthetic"),
            f"{report.blind.accuracy:.0%}",
            help=_("About 50% means people cannot tell them apart."),
        )
        st.caption(
            fmt(
                _("95% CI {lo:.0%} – {hi:.0%} from {n} answers."),
                lo=report.blind.ci_low,
                hi=report.blind.ci_high,
                n=report.blind.n_answers,
            )
        )
        if len(report.blind.giveaways):
            st.dataframe(translated(report.blind.giveaways), hide_index=True, key="rounds_giveaways")
