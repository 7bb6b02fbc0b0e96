"""Table collapse: bookkeeping against exact stand-in models, scores against sdmetrics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sdmetrics.single_column import KSComplement, TVComplement

from synth.errors import GenerationError, InputError
from synth.lineage.collapse.table import MAX_TABLE_FITS, bootstrap_fit_sample, simulate_table

CATEGORIES = ["common", "usual", "some", "few", "rare", "rarest"]


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    """A table whose categorical column has two rare categories (5% and 3%)."""
    rng = np.random.default_rng(5)
    n = 600
    return pd.DataFrame(
        {
            "amount": rng.lognormal(3, 1, n),
            "kind": rng.choice(CATEGORIES, p=[0.4, 0.3, 0.15, 0.07, 0.05, 0.03], size=n),
            "flag": rng.random(n) < 0.3,
        }
    )


def drop_rarest(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """A model that forgets exactly the least frequent ``kind`` each generation."""
    counts = frame["kind"].value_counts()
    kept = frame[frame["kind"] != counts.index[-1]] if len(counts) > 1 else frame
    return kept.iloc[np.arange(n) % len(kept)]


def test_categories_kept_counts_what_each_generation_holds(real):
    sim = simulate_table(
        real, samples=len(real), generations=4, runs=2, fit_sample=drop_rarest, generator="stand-in"
    )
    np.testing.assert_array_equal(sim.categories_kept["kind"], [6, 5, 4, 3, 2])
    np.testing.assert_array_equal(sim.categories_kept["flag"], 2)
    assert sim.real_categories == {"kind": 6, "flag": 2}
    assert sim.start_categories == {"kind": 6, "flag": 2}  # all rows drawn: every category present
    assert "amount" not in sim.categories_kept


def test_column_shape_is_the_mean_of_sdmetrics_scores(real):
    fixed = real.sample(n=40, random_state=1).reset_index(drop=True)
    fixed.loc[:, "amount"] = fixed["amount"] * 2

    def always_fixed(frame, n, seed):
        return fixed.iloc[:n]

    sim = simulate_table(real, samples=40, generations=2, runs=1, fit_sample=always_fixed, generator="fixed")
    expected = np.mean(
        [
            KSComplement.compute(real["amount"], fixed["amount"]),
            TVComplement.compute(real["kind"], fixed["kind"]),
            TVComplement.compute(real["flag"], fixed["flag"]),
        ]
    )
    assert sim.column_shape[0] == 1
    assert sim.column_shape[1] == pytest.approx(expected) and sim.column_shape[2] == pytest.approx(expected)
    amount = KSComplement.compute(real["amount"], fixed["amount"])
    assert sim.column_shape_by_column["amount"][1] == pytest.approx(amount)


def test_replacing_loses_rare_categories_for_good(real):
    sim = simulate_table(real, samples=30, generations=25, runs=20, fit_sample=bootstrap_fit_sample, seed=3)
    kept = sim.categories_kept["kind"]
    assert np.all(np.diff(kept) <= 0)  # resampled rows can only lose categories
    assert kept[-1] <= 4 < kept[0]


def test_accumulating_keeps_more_categories_than_replacing(real):
    args = dict(samples=30, generations=25, runs=20, fit_sample=bootstrap_fit_sample, seed=3)
    replaced = simulate_table(real, mode="replace", **args)
    accumulated = simulate_table(real, mode="accumulate", **args)
    assert accumulated.categories_kept["kind"][-1] > replaced.categories_kept["kind"][-1] + 1
    assert accumulated.column_shape[-1] > replaced.column_shape[-1]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("generator", ["rules", "gaussian_copula"])
def test_app_generators_lose_rare_categories_when_replacing(real, generator):
    pytest.importorskip("synth.generators", reason="synth.generators is not available")
    sim = simulate_table(real, samples=30, generations=6, runs=2, generator=generator, seed=1)
    assert sim.categories_kept["kind"][-1] < sim.real_categories["kind"]
    assert sim.column_shape[-1] < 1


def test_generator_failure_becomes_generation_error(real):
    def broken(frame, n, seed):
        raise RuntimeError("singular matrix")

    with pytest.raises(GenerationError, match="generation 1"):
        simulate_table(real, samples=10, generations=2, fit_sample=broken, generator="broken")


def test_bad_arguments_are_all_reported(real):
    with pytest.raises(InputError) as info:
        simulate_table(real, samples=1, generations=0, runs=0, mode="both")
    assert len(info.value.problems) == 4
    with pytest.raises(InputError, match="empty"):
        simulate_table(pd.DataFrame(), samples=10)
    with pytest.raises(InputError, match="too long"):
        simulate_table(real, samples=10, generations=MAX_TABLE_FITS, runs=2)


def test_to_dict_is_json_ready(real):
    sim = simulate_table(real, samples=10, generations=2, runs=1, fit_sample=bootstrap_fit_sample)
    data = sim.to_dict()
    assert len(data["column_shape"]) == 3 and len(data["categories_kept"]["kind"]) == 3
    assert 1 <= data["start_categories"]["kind"] <= 6


def test_progress_reports_every_fit_up_to_done(real):
    seen = []
    simulate_table(
        real,
        samples=10,
        generations=3,
        runs=2,
        fit_sample=bootstrap_fit_sample,
        progress=lambda fraction, message: seen.append(fraction),
    )
    assert len(seen) == 6 and seen[-1] == 1.0 and seen == sorted(seen)
