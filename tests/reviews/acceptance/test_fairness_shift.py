"""Acceptance by a model that learned a sex proxy: the proxy is named and the sex share shift warned."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit
from scipy.stats.contingency import association

from reviews.acceptance.fairness_shift import SHIFT_THRESHOLD, FairnessPreview
from reviews.acceptance.rules import decide
from reviews.queries.evaluations import EvaluationInputs
from reviews.ranking.features import RowFeatures
from reviews.ranking.preference import PreferenceModel
from reviews.ranking.proxies import cramers_v, proxy_features


@pytest.fixture()
def adult(adult_path):
    frame = pd.read_csv(adult_path, skipinitialspace=True)
    return frame.sample(3000, random_state=0).reset_index(drop=True)


def test_cramers_v_is_scipys_association(adult):
    table = pd.crosstab(adult["relationship"].astype(str), adult["sex"].astype(str)).to_numpy()
    assert cramers_v(adult["relationship"], adult["sex"]) == pytest.approx(
        association(table, method="cramer")
    )


def test_acceptance_by_a_sex_proxy_is_named_and_warned(adult):
    train, synthetic = adult.iloc[:1500].reset_index(drop=True), adult.iloc[1500:].reset_index(drop=True)
    features = RowFeatures.fit(train)
    X = features.transform(synthetic)
    # Reviewers who, knowingly or not, prefer rows of husbands.
    rng = np.random.default_rng(0)
    utility = 3.0 * (synthetic["relationship"] == "Husband").to_numpy()
    i = rng.integers(0, len(synthetic), 1500)
    j = (i + rng.integers(1, len(synthetic), 1500)) % len(synthetic)
    i_wins = rng.random(1500) < expit(utility[i] - utility[j])
    pairs = np.column_stack([np.where(i_wins, i, j), np.where(i_wins, j, i)])
    model = PreferenceModel().fit(X, pairs, features.feature_names)

    found = proxy_features(model.weights, synthetic, ["sex"])
    assert any(p.column == "relationship" and p.protected == "sex" for p in found)

    scores = model.scores(X)
    accepted = decide(scores, np.zeros(len(scores), dtype=int), float(np.median(scores)), 1).accepted
    inputs = EvaluationInputs(train, synthetic, None, {}, "bias_correction", ["sex"], "income", None)
    shift = FairnessPreview(inputs).effect(accepted)
    # The expected shares, computed directly.
    before = (synthetic["sex"] == "Female").mean()
    after = (synthetic.iloc[accepted]["sex"] == "Female").mean()
    assert abs(after - before) > SHIFT_THRESHOLD
    row = shift.table.set_index(["attribute", "group"]).loc[("sex", "Female")]
    assert row["share, all rows"] == pytest.approx(before) and row["share, accepted"] == pytest.approx(after)
    assert any("sex = Female" in str(w) for w in shift.warnings)


def test_acceptance_that_keeps_the_balance_does_not_warn(adult):
    inputs = EvaluationInputs(adult, adult, None, {}, "privacy", ["sex"], "income", None)
    every_other = np.arange(0, len(adult), 2)
    shift = FairnessPreview(inputs).effect(every_other)
    assert not [w for w in shift.warnings if "share" in str(w)]
