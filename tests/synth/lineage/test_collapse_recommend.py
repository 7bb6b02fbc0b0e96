"""Round limit against its closed form and a simulation."""

from __future__ import annotations

import math

import pytest
from scipy.special import digamma

from synth.errors import InputError
from synth.lineage.collapse.gaussian import simulate_gaussian
from synth.lineage.collapse.recommend import (
    RoundLimit,
    explain_round_limit,
    recommend_round_limit,
    theory_round_limit,
)


def closed_form(m: int, loss: float = 0.1) -> int:
    c = digamma((m - 1) / 2) + math.log(2 / (m - 1))
    return math.floor(math.log(1 - loss) / c)


@pytest.mark.parametrize("m", [10, 100, 500])
def test_theory_limit_is_the_closed_form(m):
    assert theory_round_limit(m) == closed_form(m)


def test_theory_limit_is_about_a_tenth_of_m():
    assert theory_round_limit(100) == 10
    assert 0.09 * 1000 <= theory_round_limit(1000) <= 0.11 * 1000


def test_stricter_loss_gives_fewer_rounds():
    assert theory_round_limit(100, 0.05) < theory_round_limit(100, 0.1) < theory_round_limit(100, 0.2)


def test_empirical_limit_from_replace_is_close_to_theory():
    sim = simulate_gaussian(samples=100, generations=40, runs=4000, mode="replace", seed=11)
    limit = recommend_round_limit(100, sim)
    assert limit.theory_rounds == 10
    assert abs(limit.empirical_rounds - 10) <= 3
    assert not limit.empirical_censored
    assert sim.median_var[limit.empirical_rounds] >= 0.9 > sim.median_var[limit.empirical_rounds + 1]


def test_accumulate_never_crosses_within_the_horizon():
    sim = simulate_gaussian(samples=100, generations=40, runs=1000, mode="accumulate", seed=11)
    limit = recommend_round_limit(100, sim)
    assert limit.empirical_rounds == 40 and limit.empirical_censored and limit.mode == "accumulate"


def test_explanation_is_short_plain_and_has_the_numbers():
    text = explain_round_limit(RoundLimit(samples=100, max_variance_loss=0.1, theory_rounds=10))
    assert "100 rows" in text and "10 rounds" in text and "90%" in text
    assert "adding new synthetic data" in text
    assert len(text.split()) < 130


def test_explanation_reports_the_simulation():
    limit = RoundLimit(100, 0.1, 10, empirical_rounds=9, empirical_censored=False, mode="replace")
    assert "simulation gives 9 rounds" in explain_round_limit(limit)


def test_bad_requests_raise_input_error():
    with pytest.raises(InputError, match="between 0 and 1"):
        theory_round_limit(100, 1.5)
    with pytest.raises(InputError, match="at least 2"):
        theory_round_limit(1)
    sim = simulate_gaussian(samples=50, generations=2, runs=5)
    with pytest.raises(InputError, match="same number"):
        recommend_round_limit(100, sim)
