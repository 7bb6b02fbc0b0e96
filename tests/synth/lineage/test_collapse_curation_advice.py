"""The curated advice (real share, strongest K or beta), the three arms, and the CLI's curated options."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np

from synth.cli import run_cli
from synth.lineage.collapse.arms import run_arms
from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.recommend_curated import BETAS, REAL_SHARES, recommend_curated, rounds_held
from synth.lineage.collapse.theory import gaussian_theory


def _holds(curation, samples, horizon):
    theory = gaussian_theory(samples, horizon, "replace", curation)
    return bool(np.all(theory.median_var >= 0.9) and np.all(theory.median_var <= 1e6))


def test_the_real_share_recommended_is_the_smallest_that_holds_the_spread():
    curation = Curation("softmax", 8, "quadratic", beta=1.0, target=1.0, tau=2.0)
    advice = recommend_curated(curation, 200, 40)
    needed = advice.real_share_needed
    assert needed is not None and needed > 0
    assert _holds(replace(curation, real_share=needed), 200, 40)
    smaller = REAL_SHARES[REAL_SHARES.index(needed) - 1]
    assert not _holds(replace(curation, real_share=smaller), 200, 40)


def test_the_strongest_beta_recommended_holds_and_the_next_does_not():
    curation = Curation("softmax", 8, "quadratic", beta=1.0, target=1.0, tau=2.0, real_share=0.3)
    advice = recommend_curated(curation, 200, 40)
    assert advice.strongest is not None
    assert _holds(replace(curation, beta=advice.strongest), 200, 40)
    stronger = BETAS[BETAS.index(advice.strongest) + 1]
    assert not _holds(replace(curation, beta=stronger), 200, 40)


def test_rounds_held_matches_the_theory_curve():
    curation = Curation("best_of_k", 2, "quadratic", target=0.0, real_share=0.4)
    theory = gaussian_theory(300, 30, "replace", curation)
    rounds, censored = rounds_held(curation, 300, 30, 0.1)
    below = np.flatnonzero(theory.median_var < 0.9)
    assert (rounds, censored) == ((int(below[0]) - 1, False) if below.size else (30, True))


def test_three_arms_state_the_lesson_with_their_numbers():
    comparison = run_arms(
        100, 20, 100, Curation("softmax", 8, "quadratic", target=1.0, tau=2.0, real_share=0.2)
    )
    arms = comparison.arms
    assert set(arms) == {"replace", "accumulate", "curated"}
    assert arms["curated"].mean_reward[-1] > arms["replace"].mean_reward[-1]
    assert f"{arms['curated'].median_var[-1]:.0%}" in comparison.lesson
    assert f"{comparison.curated_theory.fixed_point['var']:.0%}" in comparison.lesson
    assert set(comparison.figures()) == {"mean_sq_drift", "median_var", "mean_reward"}
    assert list(comparison.summary().index) == ["replace", "accumulate", "curated"]


def collapse(argv):
    return run_cli("synth", ("collapse",), package="synth.commands", argv=["collapse", *argv])


CURATED = ["--curation", "best_of_k", "--k", "3", "--reward", "quadratic", "--target", "1", "--tau", "1"]


def test_cli_curated_json_keeps_the_shape_and_adds_reward_and_theory(capsys):
    args = [
        *CURATED,
        "--real-share",
        "0.2",
        "--samples",
        "100",
        "--generations",
        "6",
        "--runs",
        "50",
        "--json",
    ]
    assert collapse(args) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("mean_sq_drift", "median_var", "mean_reward", "generation"):
        assert len(data[key]) == 7
    assert len(data["theory"]["median_var"]) == 7 and len(data["theory"]["mean_reward"]) == 7
    assert data["theory"]["basis"] == "numerical_integration" and data["theory"]["fixed_point"]["stable"]
    assert data["curation"]["k"] == 3 and data["recommendation"]["curated"]["explanation"]


def test_cli_arms_prints_the_three_arms_and_the_lesson(capsys):
    assert collapse([*CURATED, "--samples", "50", "--generations", "4", "--runs", "20", "--arms"]) == 0
    out = capsys.readouterr().out
    assert "accumulate" in out and "curated" in out and "real data each round" in out


def test_cli_bad_curation_exits_2_with_one_line(capsys):
    assert collapse(["--curation", "softmax", "--k", "1", "--beta", "0", "--real-share", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "K is 1" in err and "beta is 0.0" in err and "real share" in err
