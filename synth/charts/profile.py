"""Charts of a table profile: missingness, one column's distribution, quality findings.

Builders take ``translate`` for their words (English by default; the page passes its own).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from synth.charts.palette import REAL, WARNING
from synth.i18n import Translate, same

MAX_BARS = 30


def missingness_chart(profile: dict, title: str | None = None, *, translate: Translate = same) -> go.Figure:
    """Horizontal bars of each column's missing share, from a profile dict."""
    _ = translate
    columns = profile["columns"]
    figure = go.Figure(
        go.Bar(
            x=[c["missing_share"] for c in columns],
            y=[c["name"] for c in columns],
            orientation="h",
            marker_color=[WARNING if c["missing_share"] > 0.2 else REAL for c in columns],
        )
    )
    figure.update_layout(
        title=title or _("Missing share per column"),
        xaxis_title=_("missing share"),
        xaxis_range=[0, 1],
        height=max(240, 22 * len(columns)),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return figure


def distribution_chart(
    series: pd.Series, column_type: str, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """A histogram for numeric and date columns, bars of the most frequent values otherwise."""
    _ = translate
    title = title or _("Distribution of {column}").format(column=series.name)
    values = series.dropna()
    if column_type in ("numerical", "datetime"):
        figure = go.Figure(go.Histogram(x=values, nbinsx=40, marker_color=REAL))
    else:
        counts = values.astype(str).value_counts().head(MAX_BARS)
        figure = go.Figure(go.Bar(x=counts.index.tolist(), y=counts.to_numpy(), marker_color=REAL))
    figure.update_layout(yaxis_title=_("rows"))
    figure.update_layout(title=title, xaxis_title=str(series.name), margin=dict(l=10, r=10, t=40, b=10))
    return figure


def distribution_summary(series: pd.Series, column_type: str, *, translate: Translate = same) -> str:
    """A one-line text alternative to ``distribution_chart`` for screen readers."""
    _ = translate
    values = series.dropna()
    if values.empty:
        return _("{column}: no values.").format(column=series.name)
    if column_type == "numerical":
        q = values.quantile([0.0, 0.5, 1.0])
        return _("{column}: {n} values from {low:g} to {high:g}, median {median:g}.").format(
            column=series.name, n=len(values), low=q.iloc[0], high=q.iloc[2], median=q.iloc[1]
        )
    top = values.astype(str).value_counts(normalize=True).head(3)
    parts = ", ".join(f"{k} {v:.0%}" for k, v in top.items())
    return _("{column}: {n} distinct values; most frequent {parts}.").format(
        column=series.name, n=values.nunique(), parts=parts
    )
