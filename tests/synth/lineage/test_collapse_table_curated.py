"""Table mode with a simulated reviewer: its Bradley–Terry answers and the three arms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import softmax
from scipy.stats import chisquare

from synth.errors import InputError
from synth.lineage.collapse.table_curated import SimulatedReviewer, simulate_curated_table


def _real(n=400, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"x": rng.normal(size=n), "c": rng.choice(list("abcdef"), n)})


@pytest.mark.parametrize("error_rate", [0.0, 0.3])
def test_answers_follow_bradley_terry_mixed_with_random_errors(error_rate):
    reviewer = SimulatedReviewer("x", beta=1.0, error_rate=error_rate)
    utility = np.tile([0.0, 1.0, 2.0], 30_000)
    picks = reviewer.choose(utility, 3, np.random.default_rng(1)) % 3
    expected = ((1 - error_rate) * softmax([0.0, 1.0, 2.0]) + error_rate / 3) * 30_000
    assert chisquare(np.bincount(picks, minlength=3), expected).pvalue > 1e-3


def test_curation_raises_utility_and_real_data_keeps_the_shapes():
    real = _real()
    reviewer = SimulatedReviewer("x", direction=1.0, beta=3.0, error_rate=0.0)
    result = simulate_curated_table(
        real, reviewer, samples=80, generations=5, runs=2, k=4, real_share=0.5, generator="bootstrap", seed=2
    )
    last = {arm: values[-1] for arm, values in result.utility.items()}
    assert last["curated"] > last["curated_real"] > last["replace"]
    assert result.column_shape["curated_real"][-1] > result.column_shape["curated"][-1]
    assert len(result.coverage["replace"]) == 6


def test_a_reviewer_answering_at_random_does_not_steer():
    real = _real()
    careless = SimulatedReviewer("c", preferred="a", beta=5.0, error_rate=1.0)
    result = simulate_curated_table(
        real, careless, samples=200, generations=3, runs=2, k=4, real_share=0.2, generator="bootstrap", seed=3
    )
    assert abs(result.utility["curated"][-1] - result.utility["curated"][0]) < 0.1


def test_bad_settings_are_listed():
    with pytest.raises(InputError) as info:
        simulate_curated_table(_real(), SimulatedReviewer("nope", error_rate=2.0), real_share=1.0, k=1)
    text = str(info.value)
    assert "nope" in text and "error rate" in text and "real share" in text and "K >= 2" in text
