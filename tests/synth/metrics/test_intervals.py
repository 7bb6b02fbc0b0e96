"""The one Wilson interval, checked against scipy's and against the closed form at the edges."""

from __future__ import annotations

import pytest
from scipy.stats import binomtest, norm

from synth.errors import InputError
from synth.metrics.intervals import wilson_interval


@pytest.mark.parametrize("successes, trials", [(0, 1), (1, 1), (3, 10), (50, 100), (93, 93), (17, 400)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_matches_scipy_binomtest_wilson(successes, trials, confidence):
    reference = binomtest(successes, trials).proportion_ci(confidence_level=confidence, method="wilson")
    low, high = wilson_interval(successes, trials, confidence)
    assert low == pytest.approx(reference.low, abs=1e-12)
    assert high == pytest.approx(reference.high, abs=1e-12)


def test_all_successes_has_the_closed_form_lower_bound():
    z2 = norm.ppf(0.975) ** 2
    for n in (5, 93, 1000):
        low, high = wilson_interval(n, n)
        assert low == pytest.approx(n / (n + z2)) and high == 1.0


def test_no_trials_means_no_evidence_and_bad_counts_are_refused():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    for successes, trials in ((4, 3), (-1, 3), (0, -2)):
        with pytest.raises(InputError, match="successes"):
            wilson_interval(successes, trials)
