"""Plotly figures of the Collapse Lab, with theory drawn over the simulation, and table twins.

Pure builders: they take results and return ``plotly.graph_objects.Figure`` or DataFrames, so
the page only renders. Figures take ``translate`` for their words (English by default); table
headers are English, marked for translation, and the page shows them translated. Colours are
Okabe-Ito (safe for colour-blind readers) and every series also differs by line style:
simulation solid, theory dashed, real data dotted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from synth.i18n import N_, Msg, Translate, same
from synth.lineage.collapse.gaussian import GaussianCollapse
from synth.lineage.collapse.table import TableCollapse
from synth.lineage.collapse.theory import GaussianTheory

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


def _figure(title: str, y_title: str, _: Translate, *, log_y: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=title,
        xaxis_title=_("generation (0 = real data)"),
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
    fig.add_trace(
        go.Scatter(x=x, y=y, name=name, mode="lines", line={"color": colour, "dash": dash, "width": width})
    )


def _real(fig, value: float, name: str) -> None:
    fig.add_hline(y=value, line={"color": REAL, "dash": "dot", "width": 1.5}, annotation_text=name)


def drift_figure(
    sim: GaussianCollapse, theory: GaussianTheory | None = None, *, translate: Translate = same
) -> go.Figure:
    """Mean drift E[(mu_g - mu_0)^2]: grows like g/M when replacing, stays bounded when accumulating."""
    _ = translate
    fig = _figure(
        _("How far the mean drifts ({mode}, M = {samples})").format(mode=_(sim.mode), samples=sim.samples),
        _("mean squared drift of the mean"),
        _,
    )
    _line(
        fig, sim.generation, sim.mean_sq_drift, _("simulated ({runs} runs)").format(runs=sim.runs), SIMULATION
    )
    if theory is not None:
        label = _("theory: g/M") if theory.mode == "replace" else _("theory: sum 1/(k² M)")
        _line(fig, sim.generation, theory.mean_sq_drift, label, THEORY, "dash")
        if theory.bound_mean_sq_drift is not None:
            _real(fig, theory.bound_mean_sq_drift, _("bound (π²/6)/M"))
    return fig


def variance_figure(
    sim: GaussianCollapse,
    theory: GaussianTheory | None = None,
    *,
    log_y: bool = True,
    translate: Translate = same,
) -> go.Figure:
    """Fitted variance: the median (with a 10-90% band) collapses; the mean hides it."""
    _ = translate
    fig = _figure(
        _("How much spread is left ({mode}, M = {samples})").format(mode=_(sim.mode), samples=sim.samples),
        _("variance (real = 1)"),
        _,
        log_y=log_y,
    )
    band_x = np.concatenate([sim.generation, sim.generation[::-1]])
    band_y = np.concatenate([sim.var_p90, sim.var_p10[::-1]])
    fig.add_trace(
        go.Scatter(
            x=band_x,
            y=band_y,
            name=_("10-90% of runs"),
            fill="toself",
            mode="lines",
            fillcolor="rgba(86,180,233,0.25)",
            line={"width": 0},
            hoverinfo="skip",
        )
    )
    _line(fig, sim.generation, sim.median_var, _("simulated median"), SIMULATION)
    _line(fig, sim.generation, sim.mean_var, _("simulated mean"), SIMULATION_2, width=1.5)
    if theory is not None:
        if theory.median_var is not None:
            _line(fig, sim.generation, theory.median_var, _("theory median: exp(g·c)"), THEORY, "dash")
        _line(fig, sim.generation, theory.mean_var, _("theory mean"), THEORY_2, "dash", width=1.5)
    _real(fig, 1.0, _("real"))
    return fig


def tail_figure(sim: GaussianCollapse, *, translate: Translate = same) -> go.Figure:
    """Mass beyond the real 2.5%/97.5% quantiles: both tails together, and the thinner one."""
    _ = translate
    fig = _figure(
        _("What happens to the tails ({mode}, M = {samples})").format(mode=_(sim.mode), samples=sim.samples),
        _("probability mass"),
        _,
    )
    _line(fig, sim.generation, sim.tail_mass, _("outside the real 95% range"), SIMULATION)
    _line(fig, sim.generation, sim.thin_tail_mass, _("in the thinner tail"), SIMULATION_2)
    _real(fig, float(sim.tail_mass[0]), _("real: {mass}").format(mass="0.05"))
    _real(fig, float(sim.thin_tail_mass[0]), _("real: {mass}").format(mass="0.025"))
    return fig


def wasserstein_figure(
    sim: GaussianCollapse, theory: GaussianTheory | None = None, *, translate: Translate = same
) -> go.Figure:
    """Root-mean-square Wasserstein-2 distance from the real distribution."""
    _ = translate
    fig = _figure(
        _("Distance from the real data ({mode}, M = {samples})").format(
            mode=_(sim.mode), samples=sim.samples
        ),
        _("Wasserstein-2 distance (RMS)"),
        _,
    )
    _line(fig, sim.generation, sim.wasserstein, _("simulated"), SIMULATION)
    if theory is not None and theory.wasserstein is not None:
        _line(fig, sim.generation, theory.wasserstein, _("theory"), THEORY, "dash")
    return fig


def gaussian_figures(
    sim: GaussianCollapse, theory: GaussianTheory | None = None, *, translate: Translate = same
) -> dict[str, go.Figure]:
    """All Gaussian figures, keyed ``drift``, ``variance``, ``tails``, ``wasserstein``."""
    return {
        "drift": drift_figure(sim, theory, translate=translate),
        "variance": variance_figure(sim, theory, translate=translate),
        "tails": tail_figure(sim, translate=translate),
        "wasserstein": wasserstein_figure(sim, theory, translate=translate),
    }


# measure -> (y axis title, chart title), both translated when drawn.
_MEASURE_LABELS = {
    "median_var": (N_("median variance (real = 1)"), N_("Spread left: replacing vs keeping real data")),
    "mean_sq_drift": (N_("mean squared drift of the mean"), N_("Mean drift: replacing vs keeping real data")),
    "tail_mass": (N_("mass outside the real 95% range"), N_("Tails: replacing vs keeping real data")),
    "wasserstein": (N_("Wasserstein-2 distance (RMS)"), N_("Distance: replacing vs keeping real data")),
}


def mode_comparison_figure(
    sims: dict[str, GaussianCollapse], measure: str = "median_var", *, translate: Translate = same
) -> go.Figure:
    """One measure of several simulations (e.g. replace vs accumulate) on one chart."""
    _ = translate
    y_title, title = _MEASURE_LABELS.get(measure, (measure, measure))
    fig = _figure(_(title), _(y_title), _)
    for i, (name, sim) in enumerate(sims.items()):
        _line(
            fig,
            sim.generation,
            getattr(sim, measure),
            _(name),
            MODE_COLOURS.get(sim.mode, _CYCLE[i % len(_CYCLE)]),
        )
    return fig


def categories_figure(table: TableCollapse, *, translate: Translate = same) -> go.Figure:
    """Share of each categorical column's real categories still present."""
    _ = translate
    title = _("Categories kept ({generator}, {mode}, M = {samples})").format(
        generator=table.generator, mode=_(table.mode), samples=table.samples
    )
    fig = _figure(title, _("share of real categories"), _)
    for i, (column, kept) in enumerate(table.categories_kept.items()):
        share = kept / max(table.real_categories[column], 1)
        name = _("{column} ({n} real)").format(column=column, n=table.real_categories[column])
        _line(fig, table.generation, share, name, _CYCLE[i % len(_CYCLE)])
    _real(fig, 1.0, _("real"))
    fig.update_yaxes(range=[0, 1.05])
    return fig


def column_shape_figure(table: TableCollapse, *, translate: Translate = same) -> go.Figure:
    """Mean column-shape score (KSComplement / TVComplement) against the real table."""
    _ = translate
    title = _("Column shapes vs real ({generator}, {mode})").format(
        generator=table.generator, mode=_(table.mode)
    )
    fig = _figure(title, _("column-shape score (1 = same)"), _)
    _line(fig, table.generation, table.column_shape, _("simulated mean over columns"), SIMULATION)
    _real(fig, 1.0, _("real"))
    fig.update_yaxes(range=[0, 1.05])
    return fig


def _rows(generations: int, every: int | None) -> np.ndarray:
    step = every or max(1, int(np.ceil(generations / 10)))
    rows = np.arange(0, generations + 1, step)
    return rows if rows[-1] == generations else np.append(rows, generations)


GENERATION = N_("generation")  # the index name of both summary tables


def gaussian_summary(
    sim: GaussianCollapse, theory: GaussianTheory | None = None, every: int | None = None
) -> pd.DataFrame:
    """The charts as a table (every ``every``-th generation, about 11 rows by default)."""
    rows = _rows(sim.generations, every)
    columns = {
        N_("mean drift (sim)"): sim.mean_sq_drift,
        N_("mean drift (theory)"): None if theory is None else theory.mean_sq_drift,
        N_("median variance (sim)"): sim.median_var,
        N_("median variance (theory)"): None if theory is None else theory.median_var,
        N_("mean variance (sim)"): sim.mean_var,
        N_("mean variance (theory)"): None if theory is None else theory.mean_var,
        N_("tail mass (sim)"): sim.tail_mass,
        N_("Wasserstein-2 (sim)"): sim.wasserstein,
        N_("Wasserstein-2 (theory)"): None if theory is None else theory.wasserstein,
    }
    frame = pd.DataFrame({k: v[rows] for k, v in columns.items() if v is not None}, index=rows)
    frame.index.name = GENERATION
    return frame


def table_summary(table: TableCollapse, every: int | None = None) -> pd.DataFrame:
    """Categories kept per column and the column-shape score, as a table."""
    rows = _rows(table.generations, every)
    columns = {
        Msg("{column}: kept (of {n})", column=c, n=table.real_categories[c]): kept[rows]
        for c, kept in table.categories_kept.items()
    }
    columns[N_("column-shape score")] = table.column_shape[rows]
    frame = pd.DataFrame(columns, index=rows)
    frame.index.name = GENERATION
    return frame


ARM_COLOURS = {
    "replace": OKABE_ITO["orange"],
    "accumulate": OKABE_ITO["blue"],
    "curated": OKABE_ITO["purple"],
}
# measure -> (y axis title, chart title) of the three-arm comparison.
_ARM_LABELS = {
    "mean_sq_drift": (N_("mean squared drift of the mean"), N_("Mean drift: replace, accumulate, curated")),
    "median_var": (N_("median variance (real = 1)"), N_("Spread left: replace, accumulate, curated")),
    "mean_reward": (N_("mean reward E[r(x)]"), N_("Preferred quality: replace, accumulate, curated")),
}


def arms_figure(
    arms: dict[str, GaussianCollapse],
    measure: str,
    curated_theory: GaussianTheory | None = None,
    *,
    translate: Translate = same,
) -> go.Figure:
    """One measure for the replace, accumulate and curated arms; the curated theory dashed."""
    _ = translate
    y_title, title = _ARM_LABELS[measure]
    fig = _figure(_(title), _(y_title), _, log_y=measure == "median_var")
    for name, sim in arms.items():
        _line(fig, sim.generation, getattr(sim, measure), _(name), ARM_COLOURS.get(name, SIMULATION))
    curve = None if curated_theory is None else getattr(curated_theory, measure)
    if curve is not None and "curated" in arms:
        _line(fig, arms["curated"].generation, curve, _("curated: theory"), THEORY, "dash")
    if measure == "median_var":
        _real(fig, 1.0, _("real"))
    return fig


def arms_summary(arms: dict[str, GaussianCollapse]) -> pd.DataFrame:
    """The last generation's drift, median variance and reward, one row per arm."""
    frame = pd.DataFrame(
        {
            N_("mean drift"): [float(s.mean_sq_drift[-1]) for s in arms.values()],
            N_("median variance"): [float(s.median_var[-1]) for s in arms.values()],
            N_("mean reward"): [float(s.mean_reward[-1]) for s in arms.values()],
        },
        index=list(arms),
    )
    frame.index.name = N_("arm")
    return frame


TABLE_ARM_NAMES = {
    "replace": N_("replace"),
    "curated": N_("curated"),
    "curated_real": N_("curated, real data kept"),
}
TABLE_ARM_COLOURS = {
    "replace": OKABE_ITO["orange"],
    "curated": OKABE_ITO["purple"],
    "curated_real": OKABE_ITO["green"],
}
_TABLE_ARM_LABELS = {
    "utility": (N_("simulated reviewer's mean utility"), N_("What the reviewer prefers, round after round")),
    "column_shape": (N_("column-shape score (1 = same)"), N_("Column shapes vs the real table")),
    "coverage": (N_("share of real categories kept"), N_("Categories kept")),
}


def curated_table_figure(result: dict, measure: str, *, translate: Translate = same) -> go.Figure:
    """One measure of the table mode with a simulated reviewer, the three arms as lines."""
    _ = translate
    y_title, title = _TABLE_ARM_LABELS[measure]
    fig = _figure(_(title), _(y_title), _)
    for arm, values in result[measure].items():
        _line(
            fig,
            result["generation"],
            values,
            _(TABLE_ARM_NAMES.get(arm, arm)),
            TABLE_ARM_COLOURS.get(arm, SIMULATION),
        )
    return fig
