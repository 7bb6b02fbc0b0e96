"""The Gaussian lab's three arms side by side: replace, accumulate, and curated (replace with choice).

The lesson is stated in plain words with the numbers of the last generation: what curation did
to the preferred quality (mean reward) and to the spread (median variance), and how much real
data per round holds the spread (theory).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.i18n import N_, Msg, Translate, joined, same
from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.gaussian import GaussianCollapse, simulate_gaussian
from synth.lineage.collapse.recommend import DEFAULT_MAX_VARIANCE_LOSS
from synth.lineage.collapse.recommend_curated import CuratedLimit, explain_curated, recommend_curated
from synth.lineage.collapse.theory import GaussianTheory, gaussian_theory

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

#: The arms' names, as charts and tables show them.
ARMS = (N_("replace"), N_("accumulate"), N_("curated"))
ARM_MEASURES = ("mean_sq_drift", "median_var", "mean_reward")


@dataclass(frozen=True)
class ArmsComparison:
    """Three simulations with one seed, M and G; the curated arm with its theory and advice."""

    arms: dict[str, GaussianCollapse]
    curated_theory: GaussianTheory
    advice: CuratedLimit
    advice_text: str
    lesson: str

    def figures(self, *, translate: Translate = same) -> dict[str, go.Figure]:
        """One figure per measure in ``ARM_MEASURES``, the three arms on each."""
        from synth.lineage.collapse.charts import arms_figure

        return {m: arms_figure(self.arms, m, self.curated_theory, translate=translate) for m in ARM_MEASURES}

    def summary(self) -> pd.DataFrame:
        """The last generation's measures, one row per arm."""
        from synth.lineage.collapse.charts import arms_summary

        return arms_summary(self.arms)

    def to_dict(self) -> dict:
        """JSON-ready: each arm's arrays, the curated theory, the advice and the lesson."""
        return {
            "arms": {name: sim.to_dict() for name, sim in self.arms.items()},
            "theory": self.curated_theory.to_dict(),
            "recommendation": {**self.advice.to_dict(), "explanation": self.advice_text},
            "lesson": self.lesson,
        }


_LESSON = N_(
    "After {g} rounds of {samples} samples, curation moved the mean reward from {reward_0:.3f} to "
    "{reward:.3f} (replacing without curation: {reward_replace:.3f}), and left {spread:.0%} of the real "
    "spread (median variance; replacing: {spread_replace:.0%}, keeping all real data: "
    "{spread_accumulate:.0%})."
)
_HELD = N_(
    "Keeping {share:.0%} real data each round holds the spread at {fixed:.0%} (theory: a stable fixed point)."
)
_RUNAWAY = N_(
    "Keeping {share:.0%} real data each round does not hold it: the mean runs away (no stable fixed point)."
)
_NEEDED = N_("Keeping {needed:.0%} real data each round would hold at least {kept:.0%} of it (theory).")
_NONE_NEEDED = N_("No real share up to 95% would hold {kept:.0%} of it with this K and beta (theory).")


def _lesson(arms: dict[str, GaussianCollapse], theory: GaussianTheory, advice: CuratedLimit) -> Msg:
    curated, plain, kept = arms["curated"], arms["replace"], arms["accumulate"]
    g = curated.generations
    head = Msg(
        _LESSON,
        g=g,
        samples=curated.samples,
        reward_0=float(curated.mean_reward[0]),
        reward=float(curated.mean_reward[g]),
        reward_replace=float(plain.mean_reward[g]),
        spread=float(curated.median_var[g]),
        spread_replace=float(plain.median_var[g]),
        spread_accumulate=float(kept.median_var[g]),
    )
    share = curated.curation.real_share
    if share > 0 and theory.fixed_point is not None:
        if theory.fixed_point["stable"]:
            tail = Msg(_HELD, share=share, fixed=theory.fixed_point["var"])
        else:
            tail = Msg(_RUNAWAY, share=share)
    elif advice.real_share_needed is not None:
        tail = Msg(_NEEDED, needed=advice.real_share_needed, kept=1 - advice.max_variance_loss)
    else:
        tail = Msg(_NONE_NEEDED, kept=1 - advice.max_variance_loss)
    return joined([head, tail], " ")


def run_arms(
    samples: int,
    generations: int,
    runs: int,
    curation: Curation,
    seed: int | None = 0,
    max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS,
) -> ArmsComparison:
    """Simulate replace, accumulate and ``curation`` (in replace mode) with the same M, G, runs and seed.

    Raises:
        InputError: when an argument is out of range.
    """
    plain = Curation(reward=curation.reward, beta=curation.beta, target=curation.target, tau=curation.tau)
    arms = {
        "replace": simulate_gaussian(samples, generations, runs, "replace", seed, plain),
        "accumulate": simulate_gaussian(samples, generations, runs, "accumulate", seed, plain),
        "curated": simulate_gaussian(samples, generations, runs, "replace", seed, curation),
    }
    theory = gaussian_theory(samples, generations, "replace", curation)
    advice = recommend_curated(curation, samples, generations, max_variance_loss)
    return ArmsComparison(arms, theory, advice, explain_curated(advice), _lesson(arms, theory, advice))
