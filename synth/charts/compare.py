"""Real vs synthetic side by side: per-column overlays, correlations, DCR distances.

Real is always blue and synthetic always orange (``synth.charts.palette``), on every chart.
Every builder takes ``translate`` for its words (English by default; the page passes its own).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from synth.charts.labels import short_labels
from synth.charts.palette import REAL, SYNTHETIC, WARNING
from synth.i18n import Translate, same

MAX_CATEGORIES = 25
PAIR_PLOT_ROWS = 2000


def _layout(figure: go.Figure, title: str, **extra) -> go.Figure:
    figure.update_layout(
        title=title, margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", y=-0.2), **extra
    )
    return figure


def numeric_overlay(
    real: pd.Series, synthetic: pd.Series, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """Overlaid density histograms (left) and empirical CDFs (right) of one numeric column."""
    _ = translate
    real_values, synthetic_values = (
        pd.to_numeric(real, errors="coerce").dropna(),
        pd.to_numeric(synthetic, errors="coerce").dropna(),
    )
    figure = make_subplots(rows=1, cols=2, subplot_titles=(_("histogram"), "ECDF"))
    edges = np.histogram_bin_edges(np.concatenate([real_values, synthetic_values]), bins=40)
    for values, name, colour in (
        (real_values, _("real"), REAL),
        (synthetic_values, _("synthetic"), SYNTHETIC),
    ):
        figure.add_trace(
            go.Histogram(
                x=values,
                xbins=dict(start=edges[0], end=edges[-1], size=edges[1] - edges[0]),
                histnorm="probability",
                name=name,
                marker_color=colour,
                opacity=0.6,
                legendgroup=name,
            ),
            row=1,
            col=1,
        )
        ordered = np.sort(values.to_numpy())
        figure.add_trace(
            go.Scatter(
                x=ordered,
                y=np.arange(1, len(ordered) + 1) / max(len(ordered), 1),
                mode="lines",
                name=name,
                line=dict(color=colour),
                legendgroup=name,
                showlegend=False,
            ),
            row=1,
            col=2,
        )
    figure.update_layout(barmode="overlay")
    return _layout(figure, title or _("{column}: real vs synthetic").format(column=real.name))


def categorical_bars(
    real: pd.Series, synthetic: pd.Series, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """Grouped bars of each category's share in real and synthetic data (the most frequent ones)."""
    _ = translate
    real_share = real.astype("string").fillna("(missing)").value_counts(normalize=True)
    synthetic_share = synthetic.astype("string").fillna("(missing)").value_counts(normalize=True)
    categories = real_share.index.union(synthetic_share.index)
    top = (
        (real_share.reindex(categories, fill_value=0) + synthetic_share.reindex(categories, fill_value=0))
        .nlargest(MAX_CATEGORIES)
        .index
    )
    figure = go.Figure(
        [
            go.Bar(x=list(top), y=real_share.reindex(top, fill_value=0), name=_("real"), marker_color=REAL),
            go.Bar(
                x=list(top),
                y=synthetic_share.reindex(top, fill_value=0),
                name=_("synthetic"),
                marker_color=SYNTHETIC,
            ),
        ]
    )
    return _layout(
        figure,
        title or _("{column}: share of each category").format(column=real.name),
        barmode="group",
        yaxis_title=_("share"),
    )


def missingness_compare(
    real: pd.DataFrame, synthetic: pd.DataFrame, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    _ = translate
    columns = [c for c in real.columns if c in synthetic.columns]
    figure = go.Figure(
        [
            go.Bar(x=columns, y=real[columns].isna().mean(), name=_("real"), marker_color=REAL),
            go.Bar(
                x=columns, y=synthetic[columns].isna().mean(), name=_("synthetic"), marker_color=SYNTHETIC
            ),
        ]
    )
    return _layout(
        figure, title or _("Missing share per column"), barmode="group", yaxis_title=_("missing share")
    )


def correlation_heatmaps(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    numeric_columns: list[str],
    title: str | None = None,
    *,
    translate: Translate = same,
) -> go.Figure:
    """Three heatmaps on one shared axis: real, synthetic, and synthetic minus real.

    Real and synthetic share one red-blue scale (−1..1) and its colour bar; the difference has
    its own diverging scale, centred on 0 and symmetric around it, with its own bar.
    """
    _ = translate
    real_corr = real[numeric_columns].apply(pd.to_numeric, errors="coerce").corr()
    synthetic_corr = synthetic[numeric_columns].apply(pd.to_numeric, errors="coerce").corr()
    difference = synthetic_corr - real_corr
    spread = float(np.nanmax(np.abs(difference.to_numpy()))) if difference.size else 0.0
    spread = max(spread, 0.05)  # a tiny difference still gets a readable scale
    labels = short_labels(numeric_columns, 18)
    figure = make_subplots(
        rows=1,
        cols=3,
        subplot_titles=(_("real"), _("synthetic"), _("difference (synthetic − real)")),
        horizontal_spacing=0.09,
        shared_yaxes=True,
    )
    panels = (
        (1, real_corr, "RdBu", -1.0, 1.0, None),
        (2, synthetic_corr, "RdBu", -1.0, 1.0, dict(x=0.645, thickness=12, title=_("correlation"))),
        (3, difference, "PuOr", -spread, spread, dict(x=1.0, thickness=12, title=_("difference"))),
    )
    for col, matrix, scale, low, high, bar in panels:
        figure.add_trace(
            go.Heatmap(
                z=matrix.to_numpy(),
                x=labels,
                y=labels,
                customdata=[[f"{a} × {b}" for b in numeric_columns] for a in numeric_columns],
                hovertemplate="%{customdata}: %{z:.2f}<extra></extra>",
                zmin=low,
                zmax=high,
                zmid=0,
                colorscale=scale,
                showscale=bar is not None,
                colorbar=bar,
                reversescale=scale == "RdBu",
            ),
            row=1,
            col=col,
        )
    figure.update_xaxes(tickangle=-45, automargin=True)
    figure.update_yaxes(automargin=True, autorange="reversed")
    size = 120 + 28 * len(numeric_columns)
    return _layout(figure, title or _("Pearson correlations"), height=max(420, size))


def pair_plot(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    columns: list[str],
    seed: int = 0,
    title: str | None = None,
    *,
    translate: Translate = same,
) -> go.Figure:
    """Scatter matrix of a few numeric columns, real and synthetic overlaid (sampled for speed)."""
    _ = translate
    sample = pd.concat(
        [
            real[columns].sample(min(len(real), PAIR_PLOT_ROWS), random_state=seed).assign(_source="real"),
            synthetic[columns]
            .sample(min(len(synthetic), PAIR_PLOT_ROWS), random_state=seed)
            .assign(_source="synthetic"),
        ]
    )
    figure = go.Figure()
    for source, name, colour in (("real", _("real"), REAL), ("synthetic", _("synthetic"), SYNTHETIC)):
        part = sample[sample["_source"] == source]
        figure.add_trace(
            go.Splom(
                dimensions=[dict(label=c, values=part[c]) for c in columns],
                name=name,
                marker=dict(color=colour, size=3, opacity=0.4),
                diagonal_visible=False,
            )
        )
    return _layout(figure, title or _("Pair plot"), height=180 * len(columns) + 120)


def _overlaid_shares(
    histogram: dict, real: tuple[str, str], synthetic: tuple[str, str], title: str, x_title: str, _: Translate
) -> go.Figure:
    """Two histograms of shares on shared bins, the real-data side first; each side is (key, name)."""
    edges = np.asarray(histogram["edges"])
    centres = (edges[:-1] + edges[1:]) / 2
    figure = go.Figure(
        [
            go.Bar(x=centres, y=histogram[key], name=name, marker_color=colour, opacity=0.6)
            for (key, name), colour in ((real, REAL), (synthetic, SYNTHETIC))
        ]
    )
    return _layout(
        figure,
        title,
        barmode="overlay",
        xaxis_title=x_title,
        yaxis_title=_("share of rows"),
        yaxis_tickformat=".0%",
    )


def dcr_histogram(histogram: dict, title: str | None = None, *, translate: Translate = same) -> go.Figure:
    """Shares of synthetic->train and holdout->train distances; similar shapes mean no memorisation.

    Shares, not counts, so query sets of different sizes compare at a glance.
    """
    _ = translate
    return _overlaid_shares(
        histogram,
        ("holdout_to_train", _("holdout → train (real baseline)")),
        ("synthetic_to_train", _("synthetic → train")),
        title or _("Distance to the closest training row"),
        _("distance (0 = identical row)"),
        _,
    )


def membership_histogram(
    histogram: dict, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """The membership attack's scores for training rows (members) and unseen holdout rows.

    Overlapping shapes mean the synthetic data does not reveal who was in the training data.
    """
    _ = translate
    return _overlaid_shares(
        histogram,
        ("non_members", _("holdout rows (not in training)")),
        ("members", _("training rows (members)")),
        title or _("Membership-inference attack scores"),
        _("attack score (higher = looks like a member)"),
        _,
    )


def column_scores_chart(
    column_shapes: dict, title: str | None = None, *, translate: Translate = same
) -> go.Figure:
    """One bar per column: 1 means the synthetic column matches the real one."""
    _ = translate
    names = list(column_shapes)
    scores = [column_shapes[n]["score"] for n in names]
    figure = go.Figure(
        go.Bar(
            x=short_labels(names),
            y=scores,
            customdata=[str(n) for n in names],
            hovertemplate="%{customdata}: %{y:.3f}<extra></extra>",
            marker_color=[WARNING if s is not None and s < 0.8 else SYNTHETIC for s in scores],
        )
    )
    figure.update_xaxes(automargin=True)
    return _layout(figure, title or _("Column shape scores"), yaxis_range=[0, 1], yaxis_title=_("score"))


def overlay_summary(
    real: pd.Series, synthetic: pd.Series, numeric: bool, *, translate: Translate = same
) -> str:
    """A sentence for screen readers that states what the overlay chart shows."""
    _ = translate
    if numeric:
        r, s = pd.to_numeric(real, errors="coerce"), pd.to_numeric(synthetic, errors="coerce")
        return _(
            "{column}: real median {real_median:g} (IQR {real_low:g}–{real_high:g}); "
            "synthetic median {synthetic_median:g} (IQR {synthetic_low:g}–{synthetic_high:g})."
        ).format(
            column=real.name,
            real_median=r.median(),
            real_low=r.quantile(0.25),
            real_high=r.quantile(0.75),
            synthetic_median=s.median(),
            synthetic_low=s.quantile(0.25),
            synthetic_high=s.quantile(0.75),
        )
    r = real.astype("string").value_counts(normalize=True).head(3)
    s = synthetic.astype("string").value_counts(normalize=True)
    parts = ", ".join(
        _("{category}: real {real:.0%} vs synthetic {synthetic:.0%}").format(
            category=k, real=v, synthetic=s.get(k, 0)
        )
        for k, v in r.items()
    )
    return f"{real.name}: {parts}."
