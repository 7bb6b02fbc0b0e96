"""Collapse Lab: what refitting on synthetic data, round after round, does to it (norm 5).

* ``run_gaussian_lab``: all of the Gaussian lab in one call (optionally with a ``Curation``).
* ``run_arms``: replace, accumulate and a curated setting side by side, with the lesson.
* ``simulate_gaussian`` / ``gaussian_theory``: a 1-D Gaussian, simulated and in closed form.
* ``simulate_table``: a real table through the app's generators.
* ``recommend_round_limit`` / ``explain_round_limit``: the round limit and why.
* ``charts``: plotly figures and their table twins.
"""

from synth.lineage.collapse.arms import ArmsComparison, run_arms
from synth.lineage.collapse.charts import (
    categories_figure,
    column_shape_figure,
    drift_figure,
    gaussian_figures,
    gaussian_summary,
    mode_comparison_figure,
    table_summary,
    tail_figure,
    variance_figure,
    wasserstein_figure,
)
from synth.lineage.collapse.curation import CURATIONS, REWARDS, Curation
from synth.lineage.collapse.gaussian import MODES, GaussianCollapse, simulate_gaussian
from synth.lineage.collapse.lab import GaussianLab, run_gaussian_lab
from synth.lineage.collapse.recommend import (
    DEFAULT_MAX_VARIANCE_LOSS,
    RoundLimit,
    empirical_round_limit,
    explain_round_limit,
    recommend_round_limit,
    theory_round_limit,
)
from synth.lineage.collapse.recommend_curated import CuratedLimit, explain_curated, recommend_curated
from synth.lineage.collapse.table import (
    TableCollapse,
    bootstrap_fit_sample,
    generator_fit_sample,
    simulate_table,
)
from synth.lineage.collapse.theory import GaussianTheory, gaussian_theory, log_var_drift

__all__ = [
    "CURATIONS",
    "REWARDS",
    "ArmsComparison",
    "CuratedLimit",
    "Curation",
    "explain_curated",
    "recommend_curated",
    "run_arms",
    "DEFAULT_MAX_VARIANCE_LOSS",
    "MODES",
    "GaussianCollapse",
    "GaussianLab",
    "GaussianTheory",
    "RoundLimit",
    "TableCollapse",
    "bootstrap_fit_sample",
    "categories_figure",
    "column_shape_figure",
    "drift_figure",
    "empirical_round_limit",
    "explain_round_limit",
    "gaussian_figures",
    "gaussian_summary",
    "gaussian_theory",
    "generator_fit_sample",
    "log_var_drift",
    "mode_comparison_figure",
    "recommend_round_limit",
    "run_gaussian_lab",
    "simulate_gaussian",
    "simulate_table",
    "table_summary",
    "tail_figure",
    "theory_round_limit",
    "variance_figure",
    "wasserstein_figure",
]
