"""Collapse Lab, Gaussian model: replace, accumulate and a curated arm side by side, with the lesson."""

from __future__ import annotations

import streamlit as st

from synth.lineage.collapse import Curation, run_arms
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.plain import md
from ui.tables import headed, translated


@st.cache_data(show_spinner=_("Simulating…"), max_entries=16)
def three_arms(samples: int, generations: int, runs: int, curation: Curation, seed: int):
    return run_arms(samples, generations, runs, curation, seed)


#: The curated arm draws K candidates per kept sample, so the page runs fewer runs for it.
ARM_RUNS = 200


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
        # the rows are the arms, named as the charts name them
        summary = translated(arms.summary()).rename(index=tr).rename_axis(tr("arm"))
        st.dataframe(headed(summary), key="collapse_arms_summary")
        for name, figure in arms.figures(translate=_).items():
            st.plotly_chart(figure, key=f"collapse_arms_{name}")
