"""From answers to an accepted dataset, and its sampling inspection, through the store."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest

from reviews import queries
from reviews.acceptance.apply import acceptance_inputs, apply_acceptance
from reviews.acceptance.inspection import inspection_status, judge, rows_to_judge, start_inspection
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied, ReviewsError
from reviews.jobs.worker import run_one
from reviews.queries import rounds as round_queries
from reviews.queries.jobs import list_jobs
from reviews.ranking import rounds
from reviews.ranking.report import round_report
from reviews.signoff.checklist import evaluation_for
from tests.reviews.conftest import R1, R2, STEWARD, answer_batch


@pytest.fixture
def answered_round(store, synthetic_id):
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=10, overlap=2))
    frame = queries.load_frame(store, synthetic_id)
    answer_batch(store, round_id, R1, frame, flag_first=True)
    answer_batch(store, round_id, R2, frame)
    return round_id


def test_report_shows_agreement_model_and_flags(store, answered_round):
    report = round_report(store, STEWARD, answered_round)
    assert report.responses == 20 and report.n_pairs == 20
    assert set(report.progress["reviewer"]) == {"reviewer", "reviewer2"}
    # Both reviewers used the same criterion, so agreement on the shared tasks is perfect.
    assert report.agreement.alpha == pytest.approx(1.0) and report.agreement.warning is None
    assert len(report.flags) == 1 and len(report.scores) == 120
    assert report.weights["feature"].str.contains("age").any()
    with pytest.raises(PermissionDenied):
        round_report(store, R1, answered_round)


def test_acceptance_rejects_flagged_rows_and_keeps_lineage(store, answered_round, synthetic_id):
    inputs = acceptance_inputs(store, answered_round)
    flagged_row = round_queries.flags(store, answered_round)[0]["row"]
    threshold = float(np.min(inputs.scores)) - 1  # every unflagged row passes the score
    accepted_id = apply_acceptance(store, STEWARD, answered_round, threshold, min_flags=1)
    accepted = queries.get_dataset(store, accepted_id)
    assert accepted.kind == "accepted" and accepted.parent_id == synthetic_id
    assert accepted.depth == queries.get_dataset(store, synthetic_id).depth
    assert accepted.rows == 119
    assert flagged_row not in accepted.lineage["acceptance"]["accepted_rows"]
    with pytest.raises(ReviewsError, match="No row would be accepted"):
        apply_acceptance(store, STEWARD, answered_round, float(np.max(inputs.scores)) + 1)
    assert verify_chain(store.engine).ok


def test_acceptance_queues_an_evaluation_the_checklist_then_uses(store, answered_round):
    accepted_id = apply_acceptance(store, STEWARD, answered_round, -1e9)
    accepted = queries.get_dataset(store, accepted_id)
    queued = [j for j in list_jobs(store, "evaluate") if j["params"]["dataset_id"] == accepted_id]
    assert len(queued) == 1 and queued[0]["created_by"] == STEWARD.username
    assert evaluation_for(store, accepted) == (None, False) or evaluation_for(store, accepted)[1]
    run_one(store)
    evaluation, inherited = evaluation_for(store, accepted)
    assert evaluation is not None and not inherited and evaluation["dataset_id"] == accepted_id


def test_inspection_passes_on_wilson_bound(store, answered_round):
    accepted_id = apply_acceptance(store, STEWARD, answered_round, -1e9)
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=100, min_lower=0.96, seed=3)
    assert inspection_status(store, inspection_id).sample_size == 100
    judged = 0
    while len(batch := rows_to_judge(store, R1, inspection_id, limit=30)):
        status = judge(store, R1, inspection_id, {int(i): True for i in batch.index})
        judged += len(batch)
    assert judged == 100 and status.status == "passed"
    expected_low = binomtest(100, 100).proportion_ci(0.95, method="wilson").low
    assert status.result["lower_bound"] == pytest.approx(expected_low)


def test_inspection_fails_when_a_few_rows_fail(store, answered_round):
    accepted_id = apply_acceptance(store, STEWARD, answered_round, -1e9)
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=100)
    batch = rows_to_judge(store, R2, inspection_id, limit=100)
    status = judge(store, R2, inspection_id, {int(i): n >= 3 for n, i in enumerate(batch.index)})
    assert status.status == "failed" and status.result["passed_rows"] == 97
    with pytest.raises(PermissionDenied):
        start_inspection(store, R1, accepted_id)


def test_fidelity_preview_matches_sdmetrics(store, answered_round, synthetic_id):
    import pandas as pd
    from sdmetrics.single_column import KSComplement, TVComplement

    from reviews.acceptance.apply import FidelityPreview
    from reviews.queries.evaluations import evaluation_inputs

    preview = FidelityPreview(evaluation_inputs(store, synthetic_id))
    accepted = np.arange(20, 120)
    effect = preview.effect(accepted)
    inputs = preview.inputs
    expected = []
    for column, kind in preview.types.items():
        if kind == "numerical":
            expected.append(
                KSComplement.compute(inputs.train[column], inputs.synthetic[column].iloc[accepted])
            )
        elif kind in ("categorical", "boolean"):
            expected.append(
                TVComplement.compute(inputs.train[column], inputs.synthetic[column].iloc[accepted])
            )
    assert effect.accepted_rows == pytest.approx(float(pd.Series(expected).mean()), abs=1e-9)
    assert effect.all_rows is not None and effect.all_rows != effect.accepted_rows
