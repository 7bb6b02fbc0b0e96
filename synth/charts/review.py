"""Charts of the reviewers' preference model: what drives plausibility, and the score spread."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from synth.charts.palette import ACCENT, NEUTRAL, REAL, WARNING


def weights_chart(weights: pd.DataFrame, title: str = "What makes a row plausible to reviewers") -> go.Figure:
    """Horizontal bars of model weights: positive pushes a row up, negative pushes it down."""
    ordered = weights.iloc[::-1]
    figure = go.Figure(go.Bar(x=ordered["weight"], y=ordered["feature"], orientation="h",
                              marker_color=[ACCENT if w >= 0 else WARNING for w in ordered["weight"]]))
    figure.update_layout(title=title, xaxis_title="weight (log-odds per unit)", height=max(260, 24 * len(weights)),
                         margin=dict(l=10, r=10, t=40, b=10))
    return figure


def scores_chart(scores: np.ndarray, threshold: float, title: str = "Plausibility scores and the threshold") -> go.Figure:
    """Histogram of every row's score with the acceptance threshold drawn on it."""
    figure = go.Figure(go.Histogram(x=scores, nbinsx=40, marker_color=REAL))
    figure.add_vline(x=threshold, line_dash="dash", line_color=NEUTRAL, annotation_text="threshold")
    figure.update_layout(title=title, xaxis_title="score", yaxis_title="rows", margin=dict(l=10, r=10, t=40, b=10))
    return figure
