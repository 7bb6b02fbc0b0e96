"""Fake PII values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators.fake_pii import PII_KINDS, fake_values, fill_pii
from synth.profile.pii import detect_pii


@pytest.mark.parametrize("kind", PII_KINDS)
def test_each_kind_is_seeded_and_realistic(kind):
    first, second = fake_values(kind, 20, seed=4), fake_values(kind, 20, seed=4)
    assert (first == second).all() and len(set(first)) > 10
    if kind == "email":
        assert all("@" in v for v in first)
    if kind == "cn_resident_id":
        assert all(len(v) == 18 for v in first)
    if kind == "ip_address":
        assert all(len(v.split(".")) == 4 for v in first)


@pytest.mark.parametrize("kind", PII_KINDS)
def test_the_profiler_finds_the_kind_it_was_faked_as(kind):
    """One kind list: what the faker makes for a kind, the profiler recognises as that kind."""
    values = pd.Series(fake_values(kind, 200, seed=7), name="column")
    assert detect_pii(values) == kind


def test_fakes_avoid_real_values():
    avoid = set(fake_values("person_name", 50, seed=1))
    assert avoid.isdisjoint(fake_values("person_name", 50, seed=1, avoid=avoid))
    with pytest.raises(InputError, match="unknown PII kind"):
        fake_values("passport", 1, seed=1)


def test_fill_pii_keeps_column_order_and_missing_rate():
    real = pd.DataFrame({"email": ["a@x.org", None] * 50, "age": range(100)})
    synthetic = pd.DataFrame({"age": np.arange(1000) % 90})
    filled = fill_pii(synthetic, real, {"email": "email"}, seed=1, column_order=["email", "age"])
    assert list(filled.columns) == ["email", "age"]
    assert 0.4 < filled["email"].isna().mean() < 0.6
    assert not filled["email"].isin(real["email"].dropna()).any()
