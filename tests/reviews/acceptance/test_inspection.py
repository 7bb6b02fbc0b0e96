"""Tests for reviews.acceptance.sampling: the Wilson bound against scipy and its closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binomtest

from reviews.acceptance.sampling import draw_sample, evaluate, min_sample_to_pass, wilson_interval
from reviews.errors import ReviewsError


@pytest.mark.parametrize("k,n", [(0, 10), (3, 10), (10, 10), (95, 100), (3900, 4000), (1, 1)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_wilson_interval_matches_scipy(k, n, confidence):
    expected = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    low, high = wilson_interval(k, n, confidence)
    assert low == pytest.approx(expected.low, abs=1e-12)
    assert high == pytest.approx(expected.high, abs=1e-12)


def test_wilson_lower_bound_closed_form_when_all_pass():
    z2 = 1.959963984540054**2
    for n in (10, 93, 500):
        assert wilson_interval(n, n)[0] == pytest.approx(n / (n + z2))


def test_pass_needs_lower_bound_at_least_required_rate():
    n_min = min_sample_to_pass()
    assert n_min == math.ceil(1.959963984540054**2 * 0.96 / 0.04)
    assert evaluate(n_min, n_min).passed and not evaluate(n_min - 1, n_min - 1).passed
    result = evaluate(3900, 4000)  # 97.5% observed, lower bound about 0.970
    assert result.passed and result.pass_rate == 0.975
    assert not evaluate(3850, 4000).passed  # 96.25% observed, lower bound under 0.96
    assert evaluate(3850, 4000, min_lower=0.95).passed


def test_sample_is_seeded_subset_of_accepted_rows():
    accepted = np.arange(0, 20000, 2)
    sample = draw_sample(accepted, seed=7)
    assert len(sample) == 4000 and len(set(sample.tolist())) == 4000
    assert np.isin(sample, accepted).all()
    np.testing.assert_array_equal(sample, draw_sample(accepted, seed=7))
    assert len(draw_sample(accepted[:50])) == 50
    assert len(draw_sample(accepted, size=None)) == len(accepted)
    with pytest.raises(ReviewsError, match="nothing to inspect"):
        draw_sample(np.array([], dtype=int))
