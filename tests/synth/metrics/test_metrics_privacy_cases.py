"""Privacy gates, DCR, membership inference and detection on constructed tables with known answers.

A fresh real sample is a perfect generator and must pass every privacy gate; a shuffled copy, a
near-copy and a 30%-leaky table must each fail a privacy gate other than the exact-match one.
Built from UCI Adult (``tests.support.privacy_cases``), at 20k/5k and 100k/25k.
"""

from __future__ import annotations

import pytest

from synth.metrics.evaluate import evaluate
from synth.metrics.fidelity.detection import detection
from synth.metrics.privacy.dcr import dcr_from, exact_matches
from synth.metrics.privacy.membership import membership_inference_from
from synth.metrics.privacy.neighbours import find_neighbours
from synth.metrics.privacy.risks import risks_from
from synth.purposes.gates import evaluate_gates
from tests.support import privacy_cases as cases

NOT_PRIVACY = {"fidelity_overall"}
LEAKS = ("shuffled copy", "near-copy", "30% leaky")


def _synthetic_tables(train, fresh):
    return {
        "fresh": fresh,
        "shuffled copy": cases.shuffled_copy(train),
        "near-copy": cases.near_copy(train),
        "30% leaky": cases.leaky(train, fresh),
        "columns shuffled": cases.column_shuffled(train),
    }


def _privacy_verdicts(result: dict) -> dict[str, str]:
    return {g["name"]: g["status"] for g in result["gates"] if g["name"] not in NOT_PRIVACY}


@pytest.fixture(scope="module")
def small(datasets_dir):
    """Every case at 20k training / 5k holdout, evaluated for the privacy purpose with seed 0."""
    train, holdout, fresh = cases.real_tables(datasets_dir, 20_000, 5_000, 20_000)
    results = {
        name: evaluate(
            train,
            synthetic,
            holdout,
            column_types=cases.TYPES,
            label=cases.LABEL,
            purpose="privacy",
            with_utility=False,
        )
        for name, synthetic in _synthetic_tables(train, fresh).items()
    }
    return train, holdout, fresh, results


def test_fresh_real_sample_passes_every_privacy_gate(small):
    verdicts = _privacy_verdicts(small[3]["fresh"])
    assert set(verdicts.values()) == {"pass"}, verdicts


@pytest.mark.parametrize("case", LEAKS)
def test_leaks_fail_a_privacy_gate_other_than_exact_matches(small, case):
    verdicts = _privacy_verdicts(small[3][case])
    assert any(v == "fail" for n, v in verdicts.items() if n != "exact_match_excess"), verdicts


def test_dcr_share_of_copies_and_baseline_of_a_fresh_sample(small):
    results = small[3]
    for case in ("shuffled copy", "near-copy"):
        assert results[case]["privacy"]["dcr"]["closer_to_training_share"] >= 0.9, case
    fresh = results["fresh"]["privacy"]["dcr"]
    assert abs(fresh["closer_to_training_share"] - fresh["baseline_share"]) <= 0.03
    assert fresh["ci95"][0] <= fresh["closer_to_training_share"] <= fresh["ci95"][1]


def test_exact_matches_baseline_passes_real_rows_and_fails_a_copy(small):
    results = small[3]
    fresh = results["fresh"]["privacy"]["exact_match"]
    # Real people share every attribute: unseen real rows match training rows too.
    assert fresh["baseline_rate"] > 0
    assert _privacy_verdicts(results["fresh"])["exact_match_excess"] == "pass"
    assert _privacy_verdicts(results["shuffled copy"])["exact_match_excess"] == "fail"


def test_membership_inference_separates_copies_only(small):
    results = small[3]
    assert results["fresh"]["privacy"]["membership_inference"]["auc"] <= 0.56
    for case in ("shuffled copy", "near-copy"):
        assert results[case]["privacy"]["membership_inference"]["auc"] >= 0.9, case


def test_detection_sees_broken_correlations_not_real_rows(small):
    results = small[3]
    assert results["fresh"]["fidelity"]["detection"]["auc"] <= 0.56
    assert results["columns shuffled"]["fidelity"]["detection"]["auc"] >= 0.7


def _privacy_evidence(train, synthetic, holdout, seed: int = 0) -> dict:
    """The privacy section ``evaluate`` computes (no fidelity, detection or fairness: no privacy
    gate reads them)."""
    found = find_neighbours(train, synthetic, holdout, cases.TYPES, secret=cases.LABEL, seed=seed)
    return {
        "exact_match": exact_matches(train, synthetic, holdout, cases.TYPES),
        "dcr": dcr_from(found),
        "membership_inference": membership_inference_from(found),
        "risks": risks_from(found, train, holdout, seed=seed),
    }


def _evidence_verdicts(privacy: dict) -> dict[str, str]:
    return _privacy_verdicts({"gates": evaluate_gates({"privacy": privacy}, "privacy")})


def test_verdicts_of_clear_cases_do_not_depend_on_the_seed(small):
    train, holdout, fresh, results = small
    for case, synthetic in (("fresh", fresh), ("shuffled copy", cases.shuffled_copy(train))):
        expected = _privacy_verdicts(results[case])
        for seed in (1, 2):
            again = _evidence_verdicts(_privacy_evidence(train, synthetic, holdout, seed))
            assert again == expected, (case, seed)


def test_large_tables_keep_every_verdict(datasets_dir):
    """100k training / 25k holdout: the privacy evidence and detection, without fidelity."""
    train, holdout, fresh = cases.real_tables(datasets_dir, 100_000, 25_000, 100_000)
    assert detection(train, fresh, cases.TYPES)["auc"] <= 0.56
    assert detection(train, cases.column_shuffled(train), cases.TYPES)["auc"] >= 0.7
    for name in ("fresh", *LEAKS):
        synthetic = {
            "fresh": fresh,
            "shuffled copy": cases.shuffled_copy(train),
            "near-copy": cases.near_copy(train),
            "30% leaky": cases.leaky(train, fresh.iloc[:70_000]),
        }[name]
        privacy = _privacy_evidence(train, synthetic, holdout)
        verdicts = _evidence_verdicts(privacy)
        if name == "fresh":
            assert set(verdicts.values()) == {"pass"}, verdicts
            assert privacy["membership_inference"]["auc"] <= 0.56
            assert abs(privacy["dcr"]["difference"]["value"]) <= 0.03
        else:
            assert any(v == "fail" for n, v in verdicts.items() if n != "exact_match_excess"), (
                name,
                verdicts,
            )
        if name in ("shuffled copy", "near-copy"):
            assert privacy["dcr"]["closer_to_training_share"] >= 0.9, name
        if name in ("shuffled copy", "near-copy"):
            assert privacy["membership_inference"]["auc"] >= 0.9, name
