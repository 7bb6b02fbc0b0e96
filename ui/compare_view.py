"""Sections of the Compare page, each rendering part of a stored evaluation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.queries.evaluations import EvaluationInputs
from synth.charts import compare as charts
from synth.metrics.fairness import GROUP_COLUMNS
from synth.metrics.metric_names import RISK_LABELS, SCORE_LABELS
from synth.metrics.privacy.guarantee import describe_guarantee
from synth.purposes.gates import gate_explanation, gate_label
from ui.evidence import evidence_table
from ui.i18n import _, tr
from ui.labels import STATUS_ICON
from ui.plain import fmt, md
from ui.tables import translated

_PAIR_PLOT = "compare_pair_shown"
# Above this many number columns, the heatmaps show a chosen subset (labels stay readable).
WIDE_TABLE = 12
# The gates table's status ("✅ pass", "✅ 通过") is a word or two: kept on one line so a narrow
# first column never splits it ("通/过"); the evidence column takes the rest of the width and wraps.
GATES_KEY = "compare_gates"
GATES_STYLE = (
    f"<style>.st-key-{GATES_KEY} th:first-child,.st-key-{GATES_KEY} td:first-child"
    "{white-space:nowrap}</style>"
)


def _fmt(value, pattern="{:.3f}") -> str:
    return "–" if value is None else pattern.format(value)


def render_scores(result: dict) -> None:
    fidelity, privacy, utility = result["fidelity"], result.get("privacy") or {}, result.get("utility") or {}
    dcr = privacy.get("dcr") or {}
    exact = privacy.get("exact_match") or {}
    c = st.columns(5)
    c[0].metric(_("Fidelity (overall)"), _fmt(fidelity["overall"]))
    c[1].metric(
        _("Detection AUC"),
        _fmt((fidelity.get("detection") or {}).get("auc")),
        help=_("How well a classifier tells real rows from synthetic ones: 0.5 = it cannot, 1 = always."),
    )
    c[2].metric(
        _("Exact copies of training rows"),
        _fmt(privacy.get("exact_match_rate"), "{:.2%}"),
        delta=None
        if not exact
        else fmt(_("unseen real rows: {rate}"), rate=_fmt(exact.get("baseline_rate"), "{:.2%}")),
        delta_color="off",
    )
    c[3].metric(
        _("Closer to train than holdout"),
        _fmt(dcr.get("closer_to_training_share"), "{:.1%}"),
        delta=None
        if not dcr
        else fmt(_("baseline {share}"), share=_fmt(dcr.get("baseline_share"), "{:.1%}")),
        delta_color="off",
        help=_(
            "Unseen real rows give the baseline; a share clearly above it means the synthetic rows sit on "
            "training rows."
        ),
    )
    c[4].metric(
        _("Utility (TSTR / TRTR)"),
        _fmt(utility.get("ratio")),
        help=None if utility.get("ratio") is not None else utility_missing_reason(result),
    )
    st.markdown("#### " + _("Gates for this purpose"))
    # A Markdown table, so each gate's evidence wraps in full instead of being cut off.
    with st.container(key=GATES_KEY):
        st.html(GATES_STYLE)
        st.markdown(
            evidence_table(
                [_("Status"), _("Gate"), _("Evidence")],
                [
                    [
                        f"{STATUS_ICON.get(g['status'], '')} {_(g['status'])}",
                        tr(gate_label(g["name"])),
                        tr(gate_explanation(g)),
                    ]
                    for g in result.get("gates", [])
                ],
            )
        )


def render_columns(inputs: EvaluationInputs, result: dict) -> None:
    st.plotly_chart(
        charts.column_scores_chart(
            result["fidelity"]["column_shapes"], _("Column shape scores"), translate=_
        ),
        key="compare_column_scores",
    )
    st.caption(
        fmt(
            _("Text alternative: column shape scores (1 = same distribution): {scores}."),
            scores=", ".join(
                f"{c} {_fmt(e.get('score'), '{:.2f}')}"
                for c, e in result["fidelity"]["column_shapes"].items()
            ),
        )
    )
    types = result["column_types"]
    columns = [
        c
        for c in inputs.train.columns
        if c in inputs.synthetic.columns and types.get(c) not in ("id", "text")
    ]
    column = st.selectbox(_("Column"), columns, key="compare_column")
    numeric = types.get(column) == "numerical"
    title = (_("{column}: real vs synthetic") if numeric else _("{column}: share of each category")).format(
        column=column
    )
    figure = (charts.numeric_overlay if numeric else charts.categorical_bars)(
        inputs.train[column], inputs.synthetic[column], title, translate=_
    )
    st.plotly_chart(figure, key="compare_overlay")
    st.caption(
        md(charts.overlay_summary(inputs.train[column], inputs.synthetic[column], numeric, translate=_))
    )
    missing = [c for c in columns if inputs.train[c].isna().any() or inputs.synthetic[c].isna().any()]
    if not missing:  # an empty chart says nothing; the sentence says it all
        st.success(_("No column has missing values, in the real or the synthetic table."))
    else:
        st.plotly_chart(
            charts.missingness_compare(
                inputs.train, inputs.synthetic, _("Missing share per column"), translate=_
            ),
            key="compare_missing",
        )
        st.caption(
            fmt(
                _("Text alternative: missing share, real / synthetic: {shares}."),
                shares=", ".join(
                    f"{c} {inputs.train[c].isna().mean():.1%} / {inputs.synthetic[c].isna().mean():.1%}"
                    for c in missing
                ),
            )
        )
    numeric_columns = [c for c in columns if types.get(c) == "numerical"]
    if len(numeric_columns) < 2:
        st.info(_("Correlations need at least two number columns; this table has fewer."))
        return
    shown = numeric_columns
    if len(numeric_columns) > WIDE_TABLE:
        shown = st.multiselect(
            _("Columns in the correlation heatmaps"),
            numeric_columns,
            default=numeric_columns[:WIDE_TABLE],
            key="compare_corr_columns",
        )
    if len(shown) >= 2:
        st.plotly_chart(
            charts.correlation_heatmaps(
                inputs.train, inputs.synthetic, shown, _("Pearson correlations"), translate=_
            ),
            key="compare_corr",
        )
        st.caption(
            fmt(
                _(
                    "Text alternative: real correlations on the left, synthetic in the middle, their "
                    "difference on "
                    "the right; the column pair trends score is {s} (1 = same relationships)."
                ),
                s=_fmt(result["fidelity"].get("column_pair_trends_score")),
            )
        )
        chosen = st.multiselect(
            _("Pair plot of"),
            numeric_columns,
            default=numeric_columns[:3],
            max_selections=5,
            key="compare_pair_columns",
        )
        # The plot stays while other widgets rerun the page, until it is closed.
        if st.button(_("Draw pair plot"), key="compare_pair_plot"):
            st.session_state[_PAIR_PLOT] = True
        if st.session_state.get(_PAIR_PLOT):
            if len(chosen) < 2:
                st.info(_("Pick at least two columns for the pair plot."))
            else:
                st.plotly_chart(
                    charts.pair_plot(
                        inputs.train, inputs.synthetic, chosen, title=_("Pair plot"), translate=_
                    ),
                    key="compare_pairs",
                )
                st.caption(
                    _("Text alternative: the Pearson correlations above give the same pairs as numbers.")
                )
            if st.button(_("Close pair plot"), key="compare_pair_close"):
                st.session_state[_PAIR_PLOT] = False
                st.rerun()


def render_privacy(result: dict) -> None:
    privacy = result.get("privacy") or {}
    # The formal guarantee first: the empirical numbers below are evidence, this is a bound.
    st.markdown(fmt(_("**Formal guarantee:** {text}"), text=tr(describe_guarantee(privacy.get("guarantee")))))
    dcr = privacy.get("dcr")
    if not dcr:
        st.info(_("No holdout was recorded, so privacy against the holdout cannot be measured."))
        return
    st.plotly_chart(
        charts.dcr_histogram(dcr["histogram"], _("Distance to the closest training row"), translate=_),
        key="compare_dcr",
    )
    difference = dcr.get("difference") or {}
    if "baseline_share" in dcr:
        st.caption(
            fmt(
                _(
                    "Share closer to training than to unseen real rows: synthetic {p:.1%} ({n} rows), "
                    "unseen real rows {b:.1%} ({m} rows, the baseline); difference {d:+.1%} "
                    "(95% CI {lo:+.1%} to {hi:+.1%}). "
                    "Median distance to training: synthetic {s:.3f}, unseen real {h:.3f}; "
                    "NNDR median synthetic {ns:.3f}, unseen real {nh:.3f}. References: the whole training "
                    "table ({t} rows) and half of the holdout ({r} rows). Distance: {dist}."
                ),
                p=dcr["closer_to_training_share"],
                n=dcr["query_size"],
                b=dcr["baseline_share"],
                m=dcr["baseline_query_size"],
                d=difference["value"],
                lo=difference["ci95"][0],
                hi=difference["ci95"][1],
                s=dcr["median_synthetic_to_train"],
                h=dcr["median_holdout_to_train"],
                ns=dcr["nndr_median_synthetic"],
                nh=dcr["nndr_median_holdout"],
                t=dcr["train_size"],
                r=dcr["reference_size"],
                dist=tr(dcr["distance"]),
            )
        )
    exact = privacy.get("exact_match")
    if exact:
        excess = exact["excess"]
        st.caption(
            fmt(
                _(
                    "Exact matches with a training row: synthetic {s:.2%}, unseen real rows {h:.2%}; excess "
                    "{d:+.2%} (95% CI {lo:+.2%} to {hi:+.2%})."
                ),
                s=exact["rate"],
                h=exact["baseline_rate"],
                d=excess["value"],
                lo=excess["ci95"][0],
                hi=excess["ci95"][1],
            )
        )
    membership = privacy.get("membership_inference")
    if membership:
        st.plotly_chart(
            charts.membership_histogram(
                membership["histogram"], _("Membership-inference attack scores"), translate=_
            ),
            key="compare_membership",
        )
        st.caption(
            fmt(
                _(
                    "Membership inference (distance to the closest synthetic row, calibrated by unseen real "
                    "rows): AUC {auc:.3f} (95% CI {lo:.3f}–{hi:.3f}) over {m} training and {n} unseen rows; "
                    "0.5 means the synthetic data does not reveal who was in the training data."
                ),
                auc=membership["auc"],
                lo=membership["ci95"][0],
                hi=membership["ci95"][1],
                m=membership["members"],
                n=membership["non_members"],
            )
        )
    detection = (result.get("fidelity") or {}).get("detection")
    if detection and detection.get("auc") is not None:
        st.caption(
            fmt(
                _(
                    "Detection: a cross-validated classifier tells real training rows from synthetic "
                    "rows with AUC {auc:.3f} (95% CI {lo:.3f}–{hi:.3f}, {n} rows of each); "
                    "0.5 = indistinguishable."
                ),
                auc=detection["auc"],
                lo=detection["ci95"][0],
                hi=detection["ci95"][1],
                n=detection["rows_per_table"],
            )
        )
    risks = privacy.get("risks") or {}
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("Risk"): tr(RISK_LABELS.get(name, name.replace("_", " "))),
                    _("Value"): r["value"],
                    _("95% CI"): f"{r['ci95'][0]:.3f} – {r['ci95'][1]:.3f}",
                    _("Attacks"): r["n_attacks"],
                }
                for name, r in risks.items()
            ]
        ),
        hide_index=True,
        key="compare_risks",
    )


def render_fairness_utility(result: dict, deliberate: list[str]) -> None:
    fairness = result.get("fairness") or {}
    if not fairness.get("attributes"):
        if result.get("purpose") == "privacy":
            st.info(
                _(
                    "No protected attributes were evaluated: this dataset was generated for privacy, "
                    "which names none. To see group shares and label rates, pick protected attributes "
                    "(and a label) under Evaluation settings and press Evaluate now."
                )
            )
        else:
            st.info(
                _(
                    "No protected attributes were evaluated. Pick them (and a label) under Evaluation "
                    "settings and press Evaluate now."
                )
            )
    for attribute, data in (fairness.get("attributes") or {}).items():
        st.markdown(f"**{md(attribute)}**")
        groups = pd.DataFrame(data["groups"]).rename(columns=GROUP_COLUMNS)
        st.dataframe(translated(groups), hide_index=True, key=f"compare_fair_{attribute}")
        gaps = {
            "r": data["real"]["demographic_parity_difference"],
            "s": data["synthetic"]["demographic_parity_difference"],
            "ri": data["real"]["disparate_impact_ratio"],
            "si": data["synthetic"]["disparate_impact_ratio"],
        }
        if None not in gaps.values():  # no label, or no positive rate: there are no gaps to state
            st.caption(
                fmt(
                    _(
                        "Demographic-parity difference: real {r:.3f}, synthetic {s:.3f}. "
                        "Disparate-impact ratio: real {ri:.3f}, synthetic {si:.3f}."
                    ),
                    **gaps,
                )
            )
    if deliberate:
        st.info(
            fmt(
                _("These columns differ from the real data on purpose (bias correction): {cols}"),
                cols=", ".join(deliberate),
            )
        )
    utility = result.get("utility")
    if not utility:
        st.info(utility_missing_reason(result))  # plain-text: fixed translated sentences
    elif utility.get("error"):
        st.warning(fmt(_("Utility was not measured: {reason}"), reason=tr(utility["error"])))
    elif utility:
        scores = pd.DataFrame({"TRTR": _scores(utility["trtr"]), "TSTR": _scores(utility["tstr"])})
        st.dataframe(scores.rename(index=lambda k: tr(SCORE_LABELS.get(k, k))), key="compare_utility")
        st.caption(
            fmt(
                _(
                    "Train on real / test on real vs train on synthetic / test on real, both on the holdout, "
                    "with a seeded {m}."
                ),
                m=utility["model"],
            )
        )


def utility_missing_reason(result: dict) -> str:
    """Why an evaluation has no utility figure, and what to do about it."""
    if not (result.get("fairness") or {}).get("label"):
        return _(
            "Utility was not measured: it needs a label column to predict. Pick a label under "
            "Evaluation settings and press Evaluate now."
        )
    if (result.get("utility") or {}).get("error"):
        return _("Utility could not be measured; the Fairness and utility tab says why.")
    return _(
        "Utility was not measured in this evaluation (no holdout, or it was switched off); evaluate again."
    )


def _scores(side: dict) -> dict:
    # A side that could not be trained holds {"error": ...}, which is shown translated in its cells.
    return {k: tr(v) if isinstance(v, str) else v for k, v in side.items()}
