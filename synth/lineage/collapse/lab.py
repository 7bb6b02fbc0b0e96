"""One call for the Gaussian Collapse Lab: simulation, theory, round limit and its explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.i18n import Translate, same
from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.gaussian import GaussianCollapse, simulate_gaussian
from synth.lineage.collapse.recommend import (
    DEFAULT_MAX_VARIANCE_LOSS,
    RoundLimit,
    explain_round_limit,
    recommend_round_limit,
)
from synth.lineage.collapse.recommend_curated import CuratedLimit, explain_curated, recommend_curated
from synth.lineage.collapse.theory import GaussianTheory, gaussian_theory

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go


@dataclass(frozen=True)
class GaussianLab:
    """Everything the Collapse Lab shows for one Gaussian setting."""

    simulation: GaussianCollapse
    theory: GaussianTheory
    limit: RoundLimit
    explanation: str  # a translatable message (``synth.i18n.Msg``), English as a str
    curated: CuratedLimit | None = None  # with curation or a real share: the curated advice
    curated_explanation: str | None = None

    def figures(self, *, translate: Translate = same) -> dict[str, go.Figure]:
        """Figures keyed ``drift``, ``variance``, ``tails``, ``wasserstein``, labelled by ``translate``."""
        from synth.lineage.collapse.charts import gaussian_figures  # plotly loads only when drawing

        return gaussian_figures(self.simulation, self.theory, translate=translate)

    def summary(self, every: int | None = None) -> pd.DataFrame:
        """The figures' numbers as a table, about 11 generations by default."""
        from synth.lineage.collapse.charts import gaussian_summary

        return gaussian_summary(self.simulation, self.theory, every)

    def to_dict(self) -> dict:
        """JSON-ready: the simulation's arrays at top level, then ``theory`` and ``recommendation``."""
        recommendation = {**self.limit.to_dict(), "explanation": self.explanation}
        if self.curated is not None:
            recommendation["curated"] = {**self.curated.to_dict(), "explanation": self.curated_explanation}
        return {
            "model": "gaussian",
            **self.simulation.to_dict(),
            "theory": self.theory.to_dict(),
            "recommendation": recommendation,
        }


def run_gaussian_lab(
    samples: int = 100,
    generations: int = 100,
    runs: int = 1000,
    mode: str = "replace",
    seed: int | None = 0,
    max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS,
    curation: Curation | None = None,
) -> GaussianLab:
    """Simulate, compute the theory and recommend a round limit for one setting.

    Raises:
        InputError: when an argument is out of range.
    """
    curation = curation or Curation()
    simulation = simulate_gaussian(samples, generations, runs, mode, seed, curation)
    theory = gaussian_theory(samples, generations, mode, curation)
    limit = recommend_round_limit(samples, simulation, max_variance_loss)
    if curation.plain:
        return GaussianLab(simulation, theory, limit, explain_round_limit(limit))
    curated = recommend_curated(curation, samples, generations, max_variance_loss)
    return GaussianLab(
        simulation, theory, limit, explain_round_limit(limit), curated, explain_curated(curated)
    )
