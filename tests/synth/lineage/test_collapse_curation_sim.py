"""The curated Gaussian simulation pinned to its closed forms, for several K, beta and real shares.

Tolerances: 5% relative on the median and mean variance (plus 1e-3 absolute once a variance has
collapsed), 6% relative plus 0.01 absolute on the mean drift and the mean reward. They cover the
sampling error of 150 runs, the linearised refitting noise, and for softmax the gap
between K = 64 and the K -> infinity limit its theory stands for.
"""

from __future__ import annotations

import numpy as np
import pytest

from synth.errors import InputError
from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.gaussian import simulate_gaussian
from synth.lineage.collapse.theory import gaussian_theory

CASES = {
    "softmax quadratic K=64": Curation("softmax", 64, "quadratic", beta=1.0, target=1.0, tau=2.0),
    "softmax quadratic K=64 beta=3": Curation("softmax", 64, "quadratic", beta=3.0, target=-0.5, tau=2.0),
    "softmax linear K=64": Curation("softmax", 64, "linear", beta=0.3),
    "best-of-3 linear": Curation("best_of_k", 3, "linear"),
    "best-of-4 quadratic": Curation("best_of_k", 4, "quadratic", target=1.0),
    "best-of-2 quadratic, 50% real": Curation("best_of_k", 2, "quadratic", target=0.5, real_share=0.5),
    "softmax quadratic K=64, 30% real": Curation(
        "softmax", 64, "quadratic", beta=1.0, target=1.0, tau=1.0, real_share=0.3
    ),
    "no curation, 20% real": Curation(reward="quadratic", target=1.0, real_share=0.2),
}


def _close(sim, theory, rel, atol):
    np.testing.assert_allclose(sim, theory, rtol=rel, atol=atol)


@pytest.mark.parametrize("name", list(CASES))
def test_simulation_matches_theory(name):
    curation = CASES[name]
    samples, generations, runs = 400, 12, 150
    sim = simulate_gaussian(samples, generations, runs, "replace", seed=11, curation=curation)
    theory = gaussian_theory(samples, generations, "replace", curation)
    _close(sim.median_var, theory.median_var, 0.05, 1e-3)
    _close(sim.mean_var, theory.mean_var, 0.05, 1e-3)
    _close(sim.mean_sq_drift, theory.mean_sq_drift, 0.06, 0.01)
    _close(sim.mean_reward, theory.mean_reward, 0.06, 0.01)


def test_with_a_real_share_the_simulation_settles_at_the_stable_fixed_point():
    curation = CASES["softmax quadratic K=64, 30% real"]
    sim = simulate_gaussian(300, 30, 50, "replace", seed=5, curation=curation)
    point = gaussian_theory(300, 30, "replace", curation).fixed_point
    assert point["stable"] and point["spectral_radius"] < 1
    assert np.median(sim.median_var[15:]) == pytest.approx(point["var"], rel=0.04)
    # Without real data the same curation keeps narrowing the spread.
    alone = simulate_gaussian(300, 30, 50, "replace", seed=5, curation=Curation("softmax", 64, "quadratic"))
    assert alone.median_var[-1] < 0.5 * point["var"]


def test_softmax_approaches_exact_reweighting_as_k_grows():
    # One round from N(0, 1) with many samples: the kept variance tends to 1 / (1 + beta / tau^2).
    limit = 1 / (1 + 1.0)
    errors = []
    for k in (2, 8, 64):
        sim = simulate_gaussian(20_000, 1, 4, "replace", seed=2, curation=Curation("softmax", k, "quadratic"))
        errors.append(abs(sim.mean_var[1] - limit))
    assert errors[0] > errors[1] > errors[2] and errors[2] < 0.01


def test_curation_raises_the_reward_and_shrinks_the_spread():
    curation = Curation("best_of_k", 4, "quadratic", target=1.0)
    plain = simulate_gaussian(
        200, 10, 100, "replace", seed=1, curation=Curation(reward="quadratic", target=1.0)
    )
    curated = simulate_gaussian(200, 10, 100, "replace", seed=1, curation=curation)
    assert curated.mean_reward[-1] > plain.mean_reward[-1]
    assert curated.median_var[-1] < plain.median_var[-1]


def test_plain_runs_draw_the_same_numbers_as_before_curation():
    # No curation and no real share keep the original random stream, so pinned results stay valid.
    a = simulate_gaussian(50, 5, 20, "replace", seed=3)
    b = simulate_gaussian(50, 5, 20, "replace", seed=3, curation=Curation(reward="quadratic"))
    np.testing.assert_array_equal(a.median_var, b.median_var)


def test_curation_in_accumulate_mode_is_refused():
    with pytest.raises(InputError, match="replace mode"):
        simulate_gaussian(50, 5, 20, "accumulate", curation=Curation("softmax", 4))
