"""Purposes: bias targets, augmentation and their reports (checked with value_counts)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators import make_generator
from synth.purposes import AugmentationSpec, BiasSpec, PrivacySpec, allocate, sample_for_purpose

TOL = 0.02


@pytest.fixture(scope="module")
def adult(adult_path) -> pd.DataFrame:
    return pd.read_csv(adult_path, na_values="?").sample(3000, random_state=0).reset_index(drop=True)


@pytest.fixture(scope="module")
def rules(adult):
    gen = make_generator("rules", seed=1)
    gen.fit(adult)
    return gen


def test_allocate_sums_to_n_and_stays_within_one_row():
    shares = pd.Series([0.333, 0.333, 0.334])
    counts = allocate(shares, 100)
    assert counts.sum() == 100 and (np.abs(counts - shares * 100) < 1).all()


def test_equal_groups_reaches_equal_shares(adult, rules):
    result = sample_for_purpose(rules, BiasSpec(("sex",)), adult, 2001, seed=1)
    shares = result.frame["sex"].value_counts(normalize=True)
    assert shares.to_dict() == pytest.approx({"Female": 0.5, "Male": 0.5}, abs=TOL)
    assert result.report.within_tolerance and result.purpose == "bias"


def test_equal_groups_over_two_attributes(adult, rules):
    result = sample_for_purpose(rules, BiasSpec(("sex", "income")), adult, 2000, seed=1)
    shares = result.frame.groupby(["sex", "income"]).size() / 2000
    assert np.allclose(shares.to_numpy(), 0.25, atol=TOL) and len(shares) == 4


def test_parity_gives_every_group_the_overall_label_rate(adult, rules):
    result = sample_for_purpose(
        rules, BiasSpec(("sex",), target="parity", label="income"), adult, 3000, seed=1
    )
    overall = adult["income"].value_counts(normalize=True)[">50K"]
    rates = result.frame.groupby("sex")["income"].apply(lambda s: s.value_counts(normalize=True)[">50K"])
    assert np.allclose(rates.to_numpy(), overall, atol=TOL)
    group_shares = result.frame["sex"].value_counts(normalize=True).sort_index()
    real_shares = adult["sex"].value_counts(normalize=True).sort_index()
    assert np.allclose(group_shares.to_numpy(), real_shares.to_numpy(), atol=TOL)
    label_rows = result.report.to_frame().query("kind == 'label_rate'")
    assert np.allclose(label_rows["target"][label_rows["label"] == ">50K"], overall)


def test_custom_shares(adult, rules):
    spec = BiasSpec(
        ("race",), target="custom", shares={"White": 0.4, "Black": 0.4, "Asian-Pac-Islander": 0.2}
    )
    result = sample_for_purpose(rules, spec, adult, 1000, seed=1)
    shares = result.frame["race"].value_counts(normalize=True)
    assert shares.to_dict() == pytest.approx({"White": 0.4, "Black": 0.4, "Asian-Pac-Islander": 0.2}, abs=TOL)


def test_custom_shares_are_validated(adult, rules):
    with pytest.raises(InputError, match="sum to"):
        sample_for_purpose(
            rules, BiasSpec(("sex",), target="custom", shares={"Male": 0.7}), adult, 10, seed=1
        )
    with pytest.raises(InputError, match="unknown group"):
        sample_for_purpose(
            rules, BiasSpec(("sex",), target="custom", shares={"Other": 1.0}), adult, 10, seed=1
        )


def test_augmentation_raises_the_minority_label(adult, rules):
    result = sample_for_purpose(rules, AugmentationSpec("income", target_share=0.45), adult, 2000, seed=1)
    assert result.frame["income"].value_counts(normalize=True)[">50K"] == pytest.approx(0.45, abs=TOL)


def test_augmentation_raises_rare_categories_to_the_target(adult, rules):
    result = sample_for_purpose(rules, AugmentationSpec("race", target_share=0.1), adult, 2000, seed=1)
    shares = result.frame["race"].value_counts(normalize=True)
    real = adult["race"].value_counts(normalize=True)
    for value in real[real < 0.1].index:
        assert shares[value] == pytest.approx(0.1, abs=TOL)
    assert result.report.within_tolerance


def test_privacy_keeps_the_distribution(adult, rules):
    result = sample_for_purpose(rules, PrivacySpec(), adult, 3000, seed=1)
    assert result.report.rows == ()
    real = adult["sex"].value_counts(normalize=True)
    assert result.frame["sex"].value_counts(normalize=True)["Female"] == pytest.approx(
        real["Female"], abs=0.03
    )


def test_spec_problems_are_collected(adult, rules):
    with pytest.raises(InputError) as caught:
        sample_for_purpose(rules, BiasSpec(("gender",), target="parity"), adult, 10, seed=1)
    assert len(caught.value.problems) == 2


def test_gaussian_copula_meets_a_bias_target(adult):
    gen = make_generator("gaussian_copula", seed=2)
    gen.fit(adult.iloc[:1000])
    result = sample_for_purpose(gen, BiasSpec(("sex",), label="income"), adult.iloc[:1000], 600, seed=1)
    assert result.frame["sex"].value_counts(normalize=True)["Female"] == pytest.approx(0.5, abs=TOL)
