"""MAD fences use the normal-scaled MAD exactly as scipy computes it."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from synth.outliers.detect import MAD, MAD_CUTOFF, numeric_fences


@pytest.mark.parametrize("size", [7, 100, 1001])
def test_mad_fences_match_scipy(size):
    values = np.random.default_rng(size).standard_t(3, size=size)
    median = np.median(values)
    sigma = stats.median_abs_deviation(values, scale="normal")
    lower, upper = numeric_fences(values, MAD)
    assert lower == pytest.approx(median - MAD_CUTOFF * sigma, rel=1e-12)
    assert upper == pytest.approx(median + MAD_CUTOFF * sigma, rel=1e-12)
