"""Gaussian collapse simulation against closed-form results (Shumailov et al.; Gerstgrasser et al.)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import digamma
from scipy.stats import norm

from synth.errors import InputError
from synth.lineage.collapse.gaussian import MAX_DRAW_BLOCK, simulate_gaussian

M = 100
C = digamma((M - 1) / 2) + np.log(2 / (M - 1))  # E[ln(chi2_{M-1}/(M-1))], written out as the oracle


@pytest.fixture(scope="module")
def replace():
    return simulate_gaussian(samples=M, generations=200, runs=8000, mode="replace", seed=20240724)


@pytest.fixture(scope="module")
def accumulate():
    return simulate_gaussian(samples=M, generations=200, runs=4000, mode="accumulate", seed=20240724)


def test_every_measure_has_one_value_per_generation(replace):
    for name in ("generation", "mean_sq_drift", "median_var", "mean_var", "tail_mass", "wasserstein"):
        assert getattr(replace, name).shape == (201,)
    assert replace.generation[0] == 0 and replace.generation[-1] == 200


def test_generation_zero_is_the_real_standard_normal(replace):
    assert replace.mean_sq_drift[0] == 0
    assert replace.median_var[0] == replace.mean_var[0] == 1
    assert replace.wasserstein[0] == 0
    assert replace.tail_mass[0] == pytest.approx(2 * norm.cdf(norm.ppf(0.025)))


@pytest.mark.parametrize("g", [10, 100])
def test_replace_mean_drift_grows_like_g_over_m(replace, g):
    assert replace.mean_sq_drift[g] == pytest.approx(g / M, rel=0.15)


@pytest.mark.parametrize("g", [100, 200])
def test_replace_median_variance_follows_exp_gc(replace, g):
    assert replace.median_var[g] == pytest.approx(np.exp(g * C), rel=0.20)


def test_replace_mean_variance_is_unbiased_early_on(replace):
    # E[sigma_g^2] = 1 for every g; early the spread is small enough to check it tightly.
    assert replace.mean_var[10] == pytest.approx(1.0, rel=0.03)


def test_replace_variance_quantiles_bracket_the_median(replace):
    assert np.all(replace.var_p10 <= replace.median_var) and np.all(replace.median_var <= replace.var_p90)
    assert replace.var_p10[-1] < 0.05 < replace.var_p90[-1]


def test_replace_loses_one_tail(replace):
    assert replace.thin_tail_mass[0] == pytest.approx(0.025)
    assert replace.thin_tail_mass[200] < 0.5 * replace.thin_tail_mass[0]


def test_accumulate_mean_drift_stays_bounded(accumulate):
    assert np.all(accumulate.mean_sq_drift < 2 / M)


@pytest.mark.parametrize("g", [1, 10, 200])
def test_accumulate_mean_drift_matches_sum_of_inverse_squares(accumulate, g):
    expected = sum(1 / (k**2 * M) for k in range(1, g + 1))
    assert accumulate.mean_sq_drift[g] == pytest.approx(expected, rel=0.10)


def test_accumulate_keeps_the_variance(accumulate):
    assert accumulate.median_var[200] > 0.9
    assert accumulate.mean_var[200] == pytest.approx(1.0, rel=0.03)


def test_first_generation_is_the_same_fit_to_real_data_in_both_modes():
    a = simulate_gaussian(samples=20, generations=3, runs=50, mode="replace", seed=7)
    b = simulate_gaussian(samples=20, generations=3, runs=50, mode="accumulate", seed=7)
    assert a.mean_sq_drift[1] == b.mean_sq_drift[1]
    assert a.median_var[1] == b.median_var[1]
    assert a.mean_sq_drift[3] != b.mean_sq_drift[3]


def test_one_run_measures_equal_scipy_on_its_fitted_gaussian():
    sim = simulate_gaussian(samples=30, generations=1, runs=1, seed=3)
    mu, sd = np.sqrt(sim.mean_sq_drift[1]), np.sqrt(sim.mean_var[1])  # tail mass is symmetric in mu's sign
    expected_tails = norm.cdf(norm.ppf(0.025), mu, sd) + norm.sf(norm.ppf(0.975), mu, sd)
    assert sim.tail_mass[1] == pytest.approx(expected_tails)
    assert sim.wasserstein[1] == pytest.approx(np.hypot(mu, sd - 1))


def test_same_seed_same_result_other_seed_other_result():
    a, b, c = (simulate_gaussian(samples=10, generations=5, runs=20, seed=s) for s in (1, 1, 2))
    assert np.array_equal(a.median_var, b.median_var)
    assert not np.array_equal(a.median_var, c.median_var)


def test_bad_arguments_are_all_reported_at_once():
    with pytest.raises(InputError) as info:
        simulate_gaussian(samples=1, generations=0, runs=0, mode="sideways")
    assert len(info.value.problems) == 4
    assert "at least 2" in str(info.value) and "replace, accumulate" in str(info.value)


def test_too_many_runs_times_samples_is_refused():
    with pytest.raises(InputError, match="too much memory"):
        simulate_gaussian(samples=1000, generations=1, runs=MAX_DRAW_BLOCK // 1000 + 1)


def test_to_dict_is_plain_lists():
    data = simulate_gaussian(samples=5, generations=2, runs=3).to_dict()
    assert isinstance(data["median_var"], list) and len(data["median_var"]) == 3
    assert data["mode"] == "replace"


def test_counts_must_be_whole_numbers():
    with pytest.raises(InputError, match="whole number"):
        simulate_gaussian(samples=10.5, generations=2, runs=2)
    assert simulate_gaussian(samples=np.int64(5), generations=1, runs=2).samples == 5
