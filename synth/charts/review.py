"""Charts of the reviewers' preference model: what drives plausibility, and the score spread.

Builders take ``translate`` for their words (English by default; the page passes its own).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from synth.charts.labels import short_labels
from synth.charts.palette import ACCENT, NEUTRAL, REAL, WARNING
from synth.i18n import Translate, same


def weights_chart(
    weights: pd.DataFrame, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """Horizontal bars of model weights: positive pushes a row up, negative pushes it down."""
    _ = translate
    ordered = weights.iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=ordered["weight"],
            y=short_labels(list(ordered["feature"]), 32),
            customdata=[str(f) for f in ordered["feature"]],
            hovertemplate="%{customdata}: %{x:.3f}<extra></extra>",
            orientation="h",
            marker_color=[ACCENT if w >= 0 else WARNING for w in ordered["weight"]],
        )
    )
    figure.update_layout(
        title=title or _("What makes a row plausible to reviewers"),
        xaxis_title=_("weight (log-odds per unit)"),
        height=max(260, 24 * len(weights)),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    figure.update_yaxes(automargin=True)
    return figure


def scores_chart(
    scores: np.ndarray, threshold: float, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """Histogram of every row's score with the acceptance threshold drawn on it."""
    _ = translate
    figure = go.Figure(go.Histogram(x=scores, nbinsx=40, marker_color=REAL))
    figure.add_vline(x=threshold, line_dash="dash", line_color=NEUTRAL, annotation_text=_("threshold"))
    figure.update_layout(
        title=title or _("Plausibility scores and the threshold"),
        xaxis_title=_("score"),
        yaxis_title=_("rows"),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure
