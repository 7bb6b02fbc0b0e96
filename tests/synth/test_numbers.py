"""Numbers as people read them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from synth.numbers import readable, readable_share


@pytest.mark.parametrize(
    "value, text",
    [
        (1999.5, "1,999.5"),
        (999.5094, "999.51"),
        (1234567.891, "1,234,568"),
        (0.1 + 0.2 - 0.3, "0"),
        (5e-16, "0"),
        (0.000123456, "0.00012346"),
        (2.5e-5, "2.5e-05"),
        (-12.3456, "-12.346"),
        (3.0, "3"),
        (np.int64(5226), "5,226"),
        (np.float64(0.75), "0.75"),
        (None, ""),
        (math.nan, ""),
        ("abc", "abc"),
    ],
)
def test_readable(value, text):
    assert readable(value) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (1997, "1997"),
        (np.int64(2002), "2002"),
        (1999.5, "1999.5"),
        (1234567.891, "1234568"),
        (-12.3456, "-12.346"),
    ],
)
def test_readable_without_grouping(value, text):
    assert readable(value, grouped=False) == text


def test_readable_matches_python_rounding():
    # Five significant digits of a number below 1000 are Python's own rounding to that many digits.
    for value in np.random.default_rng(3).uniform(1, 999, 200):
        assert float(readable(value).replace(",", "")) == pytest.approx(float(f"{value:.5g}"))


def test_readable_share():
    assert readable_share(0.1234) == "12.3 %"
    assert readable_share(-1e-17) == "0.0 %"
    assert readable_share(None) == ""
