"""Charts of a table profile: missingness, one column's distribution, quality findings."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from synth.charts.palette import REAL, WARNING

MAX_BARS = 30


def missingness_chart(profile: dict, title: str = "Missing share per column") -> go.Figure:
    """Horizontal bars of each column's missing share, from a profile dict."""
    columns = profile["columns"]
    figure = go.Figure(go.Bar(
        x=[c["missing_share"] for c in columns], y=[c["name"] for c in columns], orientation="h",
        marker_color=[WARNING if c["missing_share"] > 0.2 else REAL for c in columns],
    ))
    figure.update_layout(title=title, xaxis_title="missing share", xaxis_range=[0, 1],
                         height=max(240, 22 * len(columns)), margin=dict(l=10, r=10, t=40, b=10))
    return figure


def distribution_chart(series: pd.Series, column_type: str, title: str | None = None) -> go.Figure:
    """A histogram for numeric and date columns, bars of the most frequent values otherwise."""
    title = title or f"Distribution of {series.name}"
    values = series.dropna()
    if column_type in ("numerical", "datetime"):
        figure = go.Figure(go.Histogram(x=values, nbinsx=40, marker_color=REAL))
        figure.update_layout(yaxis_title="rows")
    else:
        counts = values.astype(str).value_counts().head(MAX_BARS)
        figure = go.Figure(go.Bar(x=counts.index.tolist(), y=counts.to_numpy(), marker_color=REAL))
        figure.update_layout(yaxis_title="rows")
    figure.update_layout(title=title, xaxis_title=str(series.name), margin=dict(l=10, r=10, t=40, b=10))
    return figure


def distribution_summary(series: pd.Series, column_type: str) -> str:
    """A one-line text alternative to ``distribution_chart`` for screen readers."""
    values = series.dropna()
    if values.empty:
        return f"{series.name}: no values."
    if column_type == "numerical":
        q = values.quantile([0.0, 0.5, 1.0])
        return f"{series.name}: {len(values)} values from {q.iloc[0]:g} to {q.iloc[2]:g}, median {q.iloc[1]:g}."
    top = values.astype(str).value_counts(normalize=True).head(3)
    parts = ", ".join(f"{k} {v:.0%}" for k, v in top.items())
    return f"{series.name}: {values.nunique()} distinct values; most frequent {parts}."
