"""Tests for reviews.ranking.agreement: krippendorff, the closed form of W and scipy's Friedman test
as oracles."""

from __future__ import annotations

from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from scipy.stats import friedmanchisquare

from reviews.ranking.agreement import agreement_report, kendalls_w, krippendorff_alpha, reliability_matrix
from reviews.ranking.tasks import Answer


def answers_from(table: dict[str, dict[str, tuple[int, ...]]]) -> list[Answer]:
    return [Answer(task, reviewer, ranking) for task, by in table.items() for reviewer, ranking in by.items()]


def test_alpha_equals_krippendorff_on_rank_positions():
    answers = answers_from(
        {
            "t1": {"ann": (3, 1, 2), "bob": (3, 2, 1), "cy": (1, 3, 2)},
            "t2": {"ann": (7, 8), "bob": (7, 8)},
            "t3": {"bob": (4, 5, 6, 9), "cy": (5, 4, 6, 9)},
            "t4": {"ann": (10, 11)},  # one reviewer only: left out
        }
    )
    nan = np.nan
    # Units (task, row) in sorted order; value = position in that reviewer's ordering.
    #               t1:1 t1:2 t1:3 t2:7 t2:8 t3:4 t3:5 t3:6 t3:9
    expected = np.array(
        [
            [2, 3, 1, 1, 2, nan, nan, nan, nan],  # ann
            [3, 2, 1, 1, 2, 1, 2, 3, 4],  # bob
            [1, 3, 2, nan, nan, 2, 1, 3, 4],  # cy
        ]
    )
    matrix, reviewers, units = reliability_matrix(answers)
    assert reviewers == ["ann", "bob", "cy"] and units[0] == ("t1", 1) and len(units) == 9
    np.testing.assert_array_equal(matrix, expected)
    oracle = krippendorff.alpha(reliability_data=expected, level_of_measurement="ordinal")
    assert krippendorff_alpha(answers) == pytest.approx(oracle)


def test_perfect_agreement_gives_one():
    answers = answers_from(
        {f"t{i}": {"ann": (i, i + 1, i + 2), "bob": (i, i + 1, i + 2)} for i in range(0, 30, 3)}
    )
    report = agreement_report(answers)
    assert report.alpha == pytest.approx(1.0) and report.kendalls_w == pytest.approx(1.0)
    assert not report.low_agreement and report.warning is None
    assert report.reviewers["agreement"].tolist() == [1.0, 1.0]


def test_kendalls_w_closed_form_without_ties():
    ranks = np.array([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]])
    # Rank sums 4, 6, 8, 12 (mean 7.5): S = 35, W = 12 * 35 / (3^2 * (4^3 - 4)) = 7/9.
    assert kendalls_w(ranks) == pytest.approx(float(Fraction(12 * 35, 9 * 60)))
    assert kendalls_w(np.tile([1, 2, 3], (4, 1))) == pytest.approx(1.0)
    assert kendalls_w(np.array([[1, 2, 3], [3, 2, 1]])) == pytest.approx(0.0)


def test_kendalls_w_tie_correction_matches_friedman():
    rng = np.random.default_rng(0)
    ratings = rng.integers(1, 4, size=(6, 5))  # 6 raters, 5 items, many ties
    m, n = ratings.shape
    friedman = friedmanchisquare(*ratings.T).statistic  # scipy applies the tie correction
    assert kendalls_w(ratings) == pytest.approx(friedman / (m * (n - 1)))


def test_contrarian_reviewer_and_low_agreement_warning():
    rng = np.random.default_rng(1)
    table = {}
    for t in range(40):
        rows = tuple(int(r) for r in rng.choice(100, 3, replace=False))
        table[f"t{t}"] = {"ann": rows, "bob": rows, "cy": rows, "zed": rows[::-1]}
    report = agreement_report(answers_from(table))
    agreement = report.reviewers.set_index("reviewer")["agreement"]
    assert agreement["ann"] > 0 and agreement["zed"] == pytest.approx(-1.0)
    assert report.low_agreement and "alpha" in report.warning
    assert report.n_tasks == 40 and len(report.per_task) == 40


def test_no_overlap_means_not_measurable():
    report = agreement_report([Answer("t1", "ann", (1, 2))])
    assert np.isnan(report.alpha) and not report.low_agreement and "cannot be measured" in report.warning
