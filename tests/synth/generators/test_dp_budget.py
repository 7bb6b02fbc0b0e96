"""The DP generator's budget checks, declared domains and paid-for domains, without fitting MST."""

from __future__ import annotations

import json

import numpy as np
import opendp.prelude as dp
import pandas as pd
import pytest

import synth.pipeline as pipeline
from synth.errors import InputError
from synth.generators import make_generator
from synth.generators.dp_budget import check_budget, read_domain, with_defaults
from synth.generators.dp_domain import (
    CATEGORICAL,
    ColumnDomain,
    decode,
    encode,
    paid_categories,
    threshold_for,
)
from synth.purposes import BiasSpec, PrivacySpec


@pytest.mark.parametrize(
    ("epsilon", "delta", "wanted"),
    [
        (0, 1e-6, "epsilon must be"),
        (-1, 1e-6, "epsilon must be"),
        (float("nan"), 1e-6, "epsilon must be"),
        (1.0, 0, "delta must be"),
        (1.0, 0.5, "delta must be"),
        (1000, 1e-6, "epsilon must be"),
    ],
)
def test_a_bad_budget_is_refused_saying_how_to_fix_it(epsilon, delta, wanted):
    with pytest.raises(InputError, match=wanted):
        check_budget("mst", epsilon, delta)


def test_epsilon_is_refused_for_a_generator_without_a_guarantee():
    with pytest.raises(InputError, match="only to a differentially private generator"):
        make_generator("rules", seed=0, epsilon=1.0)
    assert with_defaults("mst", None, None) == (1.0, 1e-6)
    assert with_defaults("rules", None, None) == (None, None)


def test_a_declared_domain_file_is_checked(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"age": {"lower": 0, "upper": 120}, "sex": {"categories": ["F", "M"]}}))
    assert read_domain(good)["sex"] == {"categories": ["F", "M"]}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"age": {"lower": 5, "upper": 5}, "sex": {"categories": []}}))
    with pytest.raises(InputError) as caught:
        read_domain(bad)
    assert len(caught.value.problems) == 2
    with pytest.raises(InputError, match="not JSON"):
        (tmp_path / "x.json").write_text("{nope")
        read_domain(tmp_path / "x.json")


def test_the_category_threshold_is_the_smallest_opendp_accepts_for_the_budget():
    epsilon, delta = 0.1, 1e-7
    scale, threshold = threshold_for(epsilon, delta)
    count_by = dp.t.make_count_by(dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance(), TV=int)

    def spent(t):
        return (count_by >> dp.m.then_laplace_threshold(scale=scale, threshold=t)).map(1)

    assert spent(threshold)[0] <= epsilon and spent(threshold)[1] <= delta
    assert spent(threshold - 1)[1] > delta
    # Closed form for Laplace thresholding (one row changes one count by one): a count of one is
    # released with probability P[1 + Lap(b) >= t] = exp(-(t - 1) / b) / 2, which is delta's order.
    assert np.exp(-(threshold - 1) / scale) / 2 <= 2 * delta


def test_paid_categories_keep_common_values_and_never_a_single_persons():
    series = pd.Series(["common"] * 5000 + ["also common"] * 5000 + ["one person"])
    found = paid_categories(series, epsilon=1.0, delta=1e-6)
    assert set(found) == {"common", "also common"}


def test_codes_round_trip_inside_the_public_domain():
    frame = pd.DataFrame({"x": [0, 5, 10, 99, np.nan], "c": ["a", "b", "z", None, "a"]})
    domains = [
        ColumnDomain("x", "numeric", "declared", lower=0.0, upper=10.0, bins=5, integral=False),
        ColumnDomain("c", CATEGORICAL, "declared", categories=("a", "b")),
    ]
    codes = encode(frame, domains)
    assert codes[:, 0].tolist() == [0, 2, 4, 4, 5]  # 99 is clipped to the upper bound; NaN is the last code
    assert codes[:, 1].tolist() == [0, 1, 2, 2, 0]  # an undeclared value is coded like a missing one
    rows = decode(codes, domains, frame, np.random.default_rng(0))
    assert rows["x"].between(0, 10).sum() == 4 and rows["x"].isna().sum() == 1
    assert rows["c"].tolist()[:2] == ["a", "b"] and rows["c"].isna().sum() == 2


@pytest.fixture
def small():
    return pd.DataFrame({"age": [30, 40] * 50, "sex": ["F", "M"] * 50, "income": ["low", "high"] * 50})


def test_the_pipeline_refuses_what_would_void_the_guarantee(small):
    options = dict(generator="mst", rows=10, seed=0, parent_sha256="a" * 64, epsilon=1.0)
    with pytest.raises(InputError) as caught:
        pipeline.run_generations(small, purposes=[BiasSpec(("sex",))], outlier_fraction=0.01, **options)
    text = str(caught.value)
    assert "privacy purpose only" in text and "cannot inject outliers" in text
    with pytest.raises(InputError, match="epsilon must be"):
        pipeline.run_generations(small, purposes=[PrivacySpec()], **{**options, "epsilon": 0})
    with pytest.raises(InputError, match="only to a differentially private"):
        pipeline.run_generations(small, purposes=[PrivacySpec()], **{**options, "generator": "rules"})
