"""Collapse Lab figures: theory drawn dashed over solid simulation, colour-blind-safe colours."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.lineage.collapse.charts import (
    OKABE_ITO,
    categories_figure,
    column_shape_figure,
    gaussian_figures,
    gaussian_summary,
    mode_comparison_figure,
    table_summary,
)
from synth.lineage.collapse.gaussian import simulate_gaussian
from synth.lineage.collapse.table import bootstrap_fit_sample, simulate_table
from synth.lineage.collapse.theory import gaussian_theory


@pytest.fixture(scope="module")
def replace():
    return simulate_gaussian(samples=50, generations=30, runs=200, seed=1), gaussian_theory(50, 30)


@pytest.fixture(scope="module")
def table():
    rng = np.random.default_rng(0)
    real = pd.DataFrame(
        {"x": rng.normal(size=200), "c": rng.choice(list("abcd"), p=[0.5, 0.3, 0.15, 0.05], size=200)}
    )
    return simulate_table(
        real, samples=20, generations=12, runs=3, fit_sample=bootstrap_fit_sample, generator="bootstrap"
    )


def _trace(fig, name_part):
    return next(t for t in fig.data if name_part in t.name)


def test_every_gaussian_figure_is_titled_and_labelled(replace):
    figures = gaussian_figures(*replace)
    assert set(figures) == {"drift", "variance", "tails", "wasserstein"}
    palette = set(OKABE_ITO.values())
    for fig in figures.values():
        assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
        assert all(t.line.color in palette for t in fig.data if t.line.width != 0)


def test_theory_is_dashed_over_solid_simulation(replace):
    sim, theory = replace
    fig = gaussian_figures(sim, theory)["drift"]
    simulated, predicted = _trace(fig, "simulated"), _trace(fig, "theory")
    assert simulated.line.dash == "solid" and predicted.line.dash == "dash"
    assert simulated.line.color != predicted.line.color
    np.testing.assert_allclose(predicted.y, theory.mean_sq_drift)
    np.testing.assert_allclose(simulated.y, sim.mean_sq_drift)


def test_variance_figure_is_log_scaled_with_median_theory(replace):
    sim, theory = replace
    fig = gaussian_figures(sim, theory)["variance"]
    assert fig.layout.yaxis.type == "log"
    np.testing.assert_allclose(_trace(fig, "theory median").y, theory.median_var)


def test_accumulate_figures_skip_missing_theory_and_draw_the_bound():
    sim = simulate_gaussian(samples=50, generations=10, runs=50, mode="accumulate")
    theory = gaussian_theory(50, 10, "accumulate")
    figures = gaussian_figures(sim, theory)
    assert not any("median" in t.name and "theory" in t.name for t in figures["variance"].data)
    assert any("π²/6" in (a.text or "") for a in figures["drift"].layout.annotations)
    assert len(figures["wasserstein"].data) == 1


def test_mode_comparison_has_one_line_per_mode():
    sims = {
        m: simulate_gaussian(samples=20, generations=5, runs=20, mode=m) for m in ("replace", "accumulate")
    }
    fig = mode_comparison_figure(sims, "median_var")
    assert [t.name for t in fig.data] == ["replace", "accumulate"]
    assert fig.data[0].line.color != fig.data[1].line.color


def test_gaussian_summary_reads_the_arrays(replace):
    sim, theory = replace
    frame = gaussian_summary(sim, theory)
    assert frame.index[0] == 0 and frame.index[-1] == 30 and len(frame) <= 12
    assert frame.loc[30, "median variance (sim)"] == sim.median_var[30]
    assert frame.loc[30, "mean drift (theory)"] == pytest.approx(30 / 50)


def test_table_figures_and_summary(table):
    fig = categories_figure(table)
    assert fig.data[0].y[0] == 1.0 and fig.layout.title.text
    assert column_shape_figure(table).data[0].y[0] == 1.0
    frame = table_summary(table, every=4)
    assert list(frame.index) == [0, 4, 8, 12]
    assert frame.iloc[-1]["column-shape score"] == table.column_shape[12]
