"""Plotly figures of the Collapse Lab, with theory drawn over the simulation, and table twins.

Pure builders: they take results and return ``plotly.graph_objects.Figure`` or DataFrames, so
the page only renders. Colours are Okabe-Ito (safe for colour-blind readers) and every
series also differs by line style: simulation solid, theory dashed, real data dotted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from synth.collapse.gaussian import GaussianCollapse
from synth.collapse.table import TableCollapse
from synth.collapse.theory import GaussianTheory

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
SIMULATION = OKABE_ITO["blue"]
SIMULATION_2 = OKABE_ITO["green"]
THEORY = OKABE_ITO["vermillion"]
THEORY_2 = OKABE_ITO["orange"]
REAL = OKABE_ITO["black"]
MODE_COLOURS = {"replace": OKABE_ITO["orange"], "accumulate": OKABE_ITO["blue"]}
_CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black")]


def _figure(title: str, y_title: str, *, log_y: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        xaxis_title="generation (0 = real data)",
        yaxis_title=y_title,
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        margin={"b": 110},
        hovermode="x unified",
    )
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def _line(fig, x, y, name, colour, dash="solid", width=2.5) -> None:
    fig.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines", line={"color": colour, "dash": dash, "width": width}))


def _real(fig, value: float, name: str) -> None:
    fig.add_hline(y=value, line={"color": REAL, "dash": "dot", "width": 1.5}, annotation_text=name)


def drift_figure(sim: GaussianCollapse, theory: GaussianTheory | None = None) -> go.Figure:
    """Mean drift E[(mu_g - mu_0)^2]: grows like g/M when replacing, stays bounded when accumulating."""
    fig = _figure(f"How far the mean drifts ({sim.mode}, M = {sim.samples})", "mean squared drift of the mean")
    _line(fig, sim.generation, sim.mean_sq_drift, f"simulated ({sim.runs} runs)", SIMULATION)
    if theory is not None:
        label = "theory: g/M" if theory.mode == "replace" else "theory: sum 1/(k² M)"
        _line(fig, sim.generation, theory.mean_sq_drift, label, THEORY, "dash")
        if theory.bound_mean_sq_drift is not None:
            _real(fig, theory.bound_mean_sq_drift, "bound (π²/6)/M")
    return fig


def variance_figure(sim: GaussianCollapse, theory: GaussianTheory | None = None, *, log_y: bool = True) -> go.Figure:
    """Fitted variance: the median (with a 10-90% band) collapses; the mean hides it."""
    fig = _figure(f"How much spread is left ({sim.mode}, M = {sim.samples})", "variance (real = 1)", log_y=log_y)
    band_x = np.concatenate([sim.generation, sim.generation[::-1]])
    band_y = np.concatenate([sim.var_p90, sim.var_p10[::-1]])
    fig.add_trace(
        go.Scatter(
            x=band_x, y=band_y, name="10-90% of runs", fill="toself", mode="lines",
            fillcolor="rgba(86,180,233,0.25)", line={"width": 0}, hoverinfo="skip",
        )
    )
    _line(fig, sim.generation, sim.median_var, "simulated median", SIMULATION)
    _line(fig, sim.generation, sim.mean_var, "simulated mean", SIMULATION_2, width=1.5)
    if theory is not None:
        if theory.median_var is not None:
            _line(fig, sim.generation, theory.median_var, "theory median: exp(g·c)", THEORY, "dash")
        _line(fig, sim.generation, theory.mean_var, "theory mean", THEORY_2, "dash", width=1.5)
    _real(fig, 1.0, "real")
    return fig


def tail_figure(sim: GaussianCollapse) -> go.Figure:
    """Mass beyond the real 2.5%/97.5% quantiles: both tails together, and the thinner one."""
    fig = _figure(f"What happens to the tails ({sim.mode}, M = {sim.samples})", "probability mass")
    _line(fig, sim.generation, sim.tail_mass, "outside the real 95% range", SIMULATION)
    _line(fig, sim.generation, sim.thin_tail_mass, "in the thinner tail", SIMULATION_2)
    _real(fig, float(sim.tail_mass[0]), "real: 0.05")
    _real(fig, float(sim.thin_tail_mass[0]), "real: 0.025")
    return fig


def wasserstein_figure(sim: GaussianCollapse, theory: GaussianTheory | None = None) -> go.Figure:
    """Root-mean-square Wasserstein-2 distance from the real distribution."""
    fig = _figure(f"Distance from the real data ({sim.mode}, M = {sim.samples})", "Wasserstein-2 distance (RMS)")
    _line(fig, sim.generation, sim.wasserstein, "simulated", SIMULATION)
    if theory is not None and theory.wasserstein is not None:
        _line(fig, sim.generation, theory.wasserstein, "theory", THEORY, "dash")
    return fig


def gaussian_figures(sim: GaussianCollapse, theory: GaussianTheory | None = None) -> dict[str, go.Figure]:
    """All Gaussian figures, keyed ``drift``, ``variance``, ``tails``, ``wasserstein``."""
    return {
        "drift": drift_figure(sim, theory),
        "variance": variance_figure(sim, theory),
        "tails": tail_figure(sim),
        "wasserstein": wasserstein_figure(sim, theory),
    }


def mode_comparison_figure(sims: dict[str, GaussianCollapse], measure: str = "median_var") -> go.Figure:
    """One measure of several simulations (e.g. replace vs accumulate) on one chart."""
    labels = {
        "median_var": ("median variance (real = 1)", "Spread left: replacing vs keeping real data"),
        "mean_sq_drift": ("mean squared drift of the mean", "Mean drift: replacing vs keeping real data"),
        "tail_mass": ("mass outside the real 95% range", "Tails: replacing vs keeping real data"),
        "wasserstein": ("Wasserstein-2 distance (RMS)", "Distance: replacing vs keeping real data"),
    }
    y_title, title = labels.get(measure, (measure, measure))
    fig = _figure(title, y_title)
    for i, (name, sim) in enumerate(sims.items()):
        _line(fig, sim.generation, getattr(sim, measure), name, MODE_COLOURS.get(sim.mode, _CYCLE[i % len(_CYCLE)]))
    return fig


def categories_figure(table: TableCollapse) -> go.Figure:
    """Share of each categorical column's real categories still present."""
    fig = _figure(f"Categories kept ({table.generator}, {table.mode}, M = {table.samples})", "share of real categories")
    for i, (column, kept) in enumerate(table.categories_kept.items()):
        share = kept / max(table.real_categories[column], 1)
        _line(fig, table.generation, share, f"{column} ({table.real_categories[column]} real)", _CYCLE[i % len(_CYCLE)])
    _real(fig, 1.0, "real")
    fig.update_yaxes(range=[0, 1.05])
    return fig


def column_shape_figure(table: TableCollapse) -> go.Figure:
    """Mean column-shape score (KSComplement / TVComplement) against the real table."""
    fig = _figure(f"Column shapes vs real ({table.generator}, {table.mode})", "column-shape score (1 = same)")
    _line(fig, table.generation, table.column_shape, "simulated mean over columns", SIMULATION)
    _real(fig, 1.0, "real")
    fig.update_yaxes(range=[0, 1.05])
    return fig


def _rows(generations: int, every: int | None) -> np.ndarray:
    step = every or max(1, int(np.ceil(generations / 10)))
    rows = np.arange(0, generations + 1, step)
    return rows if rows[-1] == generations else np.append(rows, generations)


def gaussian_summary(
    sim: GaussianCollapse, theory: GaussianTheory | None = None, every: int | None = None
) -> pd.DataFrame:
    """The charts as a table (every ``every``-th generation, about 11 rows by default)."""
    rows = _rows(sim.generations, every)
    columns = {
        "mean drift (sim)": sim.mean_sq_drift,
        "mean drift (theory)": None if theory is None else theory.mean_sq_drift,
        "median variance (sim)": sim.median_var,
        "median variance (theory)": None if theory is None else theory.median_var,
        "mean variance (sim)": sim.mean_var,
        "mean variance (theory)": None if theory is None else theory.mean_var,
        "tail mass (sim)": sim.tail_mass,
        "Wasserstein-2 (sim)": sim.wasserstein,
        "Wasserstein-2 (theory)": None if theory is None else theory.wasserstein,
    }
    frame = pd.DataFrame({k: v[rows] for k, v in columns.items() if v is not None}, index=rows)
    frame.index.name = "generation"
    return frame


def table_summary(table: TableCollapse, every: int | None = None) -> pd.DataFrame:
    """Categories kept per column and the column-shape score, as a table."""
    rows = _rows(table.generations, every)
    columns = {
        f"{c}: kept (of {table.real_categories[c]})": kept[rows] for c, kept in table.categories_kept.items()
    }
    columns["column-shape score"] = table.column_shape[rows]
    frame = pd.DataFrame(columns, index=rows)
    frame.index.name = "generation"
    return frame
