"""Closed-form collapse theory against scipy's distributions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chi, chi2

from synth.errors import InputError
from synth.lineage.collapse.theory import gaussian_theory, log_var_drift, mean_sd_ratio


@pytest.mark.parametrize("m", [5, 100, 1000])
def test_log_var_drift_is_the_mean_log_of_a_scaled_chi_square(m):
    k = m - 1
    expected = chi2(k).expect(lambda x: np.log(x / k))
    assert log_var_drift(m) == pytest.approx(expected, rel=1e-6)


def test_log_var_drift_for_100_samples_is_about_minus_a_hundredth():
    assert log_var_drift(100) == pytest.approx(-0.0101, abs=5e-5)


@pytest.mark.parametrize("m", [3, 100])
def test_mean_sd_ratio_is_the_mean_of_a_scaled_chi(m):
    assert mean_sd_ratio(m) == pytest.approx(chi(m - 1).mean() / np.sqrt(m - 1), rel=1e-10)


def test_replace_curves():
    t = gaussian_theory(100, 50, "replace")
    g = np.arange(51)
    np.testing.assert_allclose(t.mean_sq_drift, g / 100)
    np.testing.assert_allclose(t.median_var, np.exp(g * log_var_drift(100)))
    np.testing.assert_allclose(t.mean_var, 1.0)
    assert t.wasserstein[0] == 0 and np.all(np.diff(t.wasserstein) > 0)
    assert t.tail_mass is None and t.bound_mean_sq_drift is None


def test_accumulate_drift_is_a_sum_of_inverse_squares_below_its_bound():
    t = gaussian_theory(100, 1000, "accumulate")
    assert t.mean_sq_drift[0] == 0
    assert t.mean_sq_drift[1] == pytest.approx(1 / 100)
    assert t.mean_sq_drift[2] == pytest.approx((1 + 1 / 4) / 100)  # s_1 = 1 exactly
    assert np.all(t.mean_sq_drift < t.bound_mean_sq_drift)
    assert t.bound_mean_sq_drift == pytest.approx(np.pi**2 / 6 / 100)
    assert t.mean_sq_drift[-1] == pytest.approx(t.bound_mean_sq_drift, rel=0.01)


def test_accumulate_mean_variance_shrinks_a_little_and_settles():
    t = gaussian_theory(100, 500, "accumulate")
    assert t.mean_var[0] == t.mean_var[1] == 1
    assert t.mean_var[2] == pytest.approx(1 - 1 / (2 * 199))
    assert 0.99 < t.mean_var[-1] < 1 and np.all(np.diff(t.mean_var) <= 0)
    assert t.median_var is None


def test_bad_arguments_raise_input_error():
    with pytest.raises(InputError):
        gaussian_theory(1, 10)
    with pytest.raises(InputError):
        gaussian_theory(10, 10, "mixed")
