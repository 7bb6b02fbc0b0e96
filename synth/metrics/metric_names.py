"""People's names for the library metrics an evaluation reports (SDMetrics class names and ours).

A report shows the person's name first and the library's name in small type beside it. The
names live here, apart from the code that computes the metrics, so that a page which only shows
stored results does not import the statistics stack.
"""

from __future__ import annotations

from synth.i18n import N_

METRIC_NAMES = {
    "TVComplement": N_("category shares match"),
    "KSComplement": N_("distribution shape match"),
    "ContingencySimilarity": N_("category pairs match"),
    "CorrelationSimilarity": N_("correlation match"),
    "ChiSquarePValue": N_("chi-square test p-value"),
    "CategoryCoverage": N_("categories covered"),
    "RangeCoverage": N_("range covered"),
    "MissingValueSimilarity": N_("missing share match"),
    "WassersteinSimilarity": N_("Wasserstein similarity"),
    "HistGradientBoostingClassifier": N_("gradient-boosted trees"),
    "HistGradientBoosting": N_("gradient-boosted trees"),
}

# The privacy risks' keys in results, and how people read them.
RISK_LABELS = {
    "singling_out": N_("singling out"),
    "linkability": N_("linkability"),
    "inference": N_("inference"),
}
# How the utility scores are named (the result keeps these keys).
SCORE_LABELS = {"accuracy": N_("accuracy"), "auc": "AUC", "r2": "R²", "error": N_("error")}


def metric_name(name: str) -> str:
    """The English people's name of a library metric (translate it where it is shown)."""
    return METRIC_NAMES.get(name, name)
