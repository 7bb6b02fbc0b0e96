"""The curation report against scipy and numpy: column shapes, variance ratio, coverage, groups, tails."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp

from synth.curation import curation_report


def _frame(n=2000, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "age": rng.normal(40, 10, n),
            "sex": rng.choice(["F", "M"], n, p=[0.4, 0.6]),
            "job": rng.choice(list("abcdefghij"), n),
        }
    )


def test_report_measures_what_the_choice_did():
    candidates = _frame()
    utility = -np.abs(candidates["age"].to_numpy() - 40)
    keep = np.flatnonzero(utility > np.quantile(utility, 0.5))  # the central half of ages
    kept = candidates.iloc[keep]
    report = curation_report(candidates, kept, utility, utility[keep], ["sex"])
    age = report.columns["age"]
    assert age["shape"] == pytest.approx(1 - ks_2samp(candidates["age"], kept["age"]).statistic, abs=1e-12)
    assert age["variance_ratio"] == pytest.approx(kept["age"].var() / candidates["age"].var())
    assert age["tail_mass_before"] == pytest.approx(0.05, abs=0.002) and age["tail_mass_after"] == 0
    assert report.mean_utility_after > report.mean_utility_before
    sex = report.protected["sex"]
    assert sex["F"]["before"] == pytest.approx((candidates["sex"] == "F").mean())
    assert sex["F"]["after"] == pytest.approx((kept["sex"] == "F").mean())
    assert any("age" in w and "variance" in w for w in report.warnings)


def test_categories_lost_are_counted_and_warned():
    candidates = _frame()
    kept = candidates[candidates["job"].isin(list("abcdefg"))]
    report = curation_report(candidates, kept, np.zeros(len(candidates)), np.zeros(len(kept)))
    job = report.columns["job"]
    assert (job["categories_before"], job["categories_kept"]) == (10, 7) and job["coverage"] == 0.7
    assert any("7 of 10 categories" in w for w in report.warnings)
    assert not any(w.startswith("age") for w in report.warnings)  # a random subset keeps the spread
