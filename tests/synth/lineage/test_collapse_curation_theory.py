"""The curated arm's closed forms against scipy, order statistics and independently written equations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import fsolve
from scipy.stats import kstest, norm

from synth.lineage.collapse.curation import Curation, curated_draws
from synth.lineage.collapse.theory import gaussian_theory
from synth.lineage.collapse.theory_curated import fixed_point, max_of_normals, nearest_of_normals


def test_max_of_two_and_three_normals_match_their_closed_forms():
    mean, var = max_of_normals(2)
    assert mean == pytest.approx(1 / np.sqrt(np.pi), abs=1e-9)
    assert var == pytest.approx(1 - 1 / np.pi, abs=1e-9)
    assert max_of_normals(3)[0] == pytest.approx(3 / (2 * np.sqrt(np.pi)), abs=1e-9)


@pytest.mark.parametrize(("k", "target"), [(2, 0.5), (3, 1.0), (8, 2.0), (50, 0.0), (4, -3.0)])
def test_nearest_of_normals_matches_quadrature_of_the_density_in_x(k, target):
    # An independent form: the kept draw x has density K phi(x) S(|x - t|)^(K-1).
    def density(x):
        d = abs(x - target)
        survival = norm.sf(target + d) + norm.cdf(target - d)
        return k * norm.pdf(x) * survival ** (k - 1)

    points = [target]
    mean = quad(lambda x: x * density(x), -15, 15, points=points, limit=500)[0]
    var = quad(lambda x: (x - mean) ** 2 * density(x), -15, 15, points=points, limit=500)[0]
    got_mean, got_var = nearest_of_normals(k, target)
    assert got_mean == pytest.approx(mean, abs=1e-6)
    assert got_var == pytest.approx(var, rel=1e-4)


def test_nearest_of_two_to_a_far_target_is_the_larger_of_two():
    mean, var = nearest_of_normals(2, 30.0)
    assert mean == pytest.approx(1 / np.sqrt(np.pi), abs=1e-6)
    assert var == pytest.approx(1 - 1 / np.pi, abs=1e-5)


def test_best_of_k_draws_follow_the_maximum_order_statistic():
    rng = np.random.default_rng(3)
    curation = Curation("best_of_k", 5, "linear")
    kept = curated_draws(rng, curation, np.zeros(4), np.ones(4), 5000).ravel()
    assert kstest(kept, lambda x: norm.cdf(x) ** 5).pvalue > 1e-3


def test_softmax_draws_with_large_k_follow_the_exact_reweighting():
    # p(x) e^{beta x} with p = N(0, 1) is N(beta, 1).
    rng = np.random.default_rng(4)
    curation = Curation("softmax", 400, "linear", beta=0.5)
    kept = curated_draws(rng, curation, np.zeros(4), np.ones(4), 5000).ravel()
    assert kstest(kept, norm(0.5, 1).cdf).pvalue > 1e-3


def test_exact_quadratic_reweighting_gives_the_product_of_gaussians():
    # Refitting noise vanishes as M grows, and the softmax theory is the K -> infinity limit:
    # variance 1/(1/sigma0^2 + g beta/tau^2), mean towards x*.
    curation = Curation("softmax", 2, "quadratic", beta=1.0, target=2.0, tau=1.5)
    t = gaussian_theory(10**7, 30, "replace", curation)
    g = np.arange(31)
    a = 1.0 / 1.5**2
    np.testing.assert_allclose(t.mean_var, 1 / (1 + g * a), rtol=1e-9)
    np.testing.assert_allclose(np.sqrt(t.mean_sq_drift), 2.0 * g * a / (1 + g * a), rtol=1e-5, atol=1e-5)
    assert t.basis == "exact_reweighting" and t.fixed_point is None


def test_exact_linear_reweighting_shifts_the_mean_by_beta_per_round():
    curation = Curation("softmax", 2, "linear", beta=0.3)
    t = gaussian_theory(10**7, 20, "replace", curation)
    np.testing.assert_allclose(t.mean_reward, 0.3 * 0.3 * np.arange(21), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(t.mean_var, 1.0)


def test_without_curation_the_curated_theory_reduces_to_the_plain_one():
    # A tiny real share is rounded to zero rows; the curated path must then equal the plain closed form.
    plain = gaussian_theory(100, 40, "replace")
    path = gaussian_theory(100, 40, "replace", Curation(real_share=0.001))
    np.testing.assert_allclose(path.median_var, plain.median_var, rtol=1e-9)
    np.testing.assert_allclose(path.mean_sq_drift, plain.mean_sq_drift, rtol=1e-6)


def test_real_share_without_curation_holds_the_real_variance():
    point = fixed_point(Curation(real_share=0.2), 1000)
    assert point["mean"] == pytest.approx(0.0, abs=1e-9) and point["var"] == pytest.approx(1.0, abs=1e-9)
    assert point["stable"] and point["spectral_radius"] == pytest.approx(0.8, abs=1e-3)


@pytest.mark.parametrize(("share", "beta", "target", "tau"), [(0.2, 1.0, 1.0, 1.0), (0.5, 2.0, -1.0, 0.5)])
def test_fixed_point_with_a_real_share_solves_the_mixture_equations(share, beta, target, tau):
    a = beta / tau**2

    def equations(z):  # written out for large M: a mixture of N(0, 1) and the reweighted model
        m, v = z
        v_c = v / (1 + a * v)
        m_c = (m + a * v * target) / (1 + a * v)
        return [(1 - share) * m_c - m, share + (1 - share) * v_c + share * (1 - share) * m_c**2 - v]

    m, v = fsolve(equations, [0.0, 1.0], xtol=1e-13)
    point = fixed_point(Curation("softmax", 10, "quadratic", beta, target, tau, share), 10**8)
    assert point["mean"] == pytest.approx(m, abs=1e-6) and point["var"] == pytest.approx(v, rel=1e-6)
    assert point["stable"]


def test_a_linear_reward_chosen_too_hard_for_the_real_share_runs_away():
    point = fixed_point(Curation("best_of_k", 4, "linear", real_share=0.3), 1000)
    assert point["stable"] is False and point["var"] is None
