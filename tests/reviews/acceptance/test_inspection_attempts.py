"""Honest inspections: no row starts as passed, every attempt stays in the checklist, an earlier
failure warns until an officer explains it, and batches judged too fast are flagged."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from reviews import queries
from reviews.acceptance.inspection import (
    FAIL_COLUMN,
    PASS_COLUMN,
    apply_ticks,
    inspection_sheet,
    judge,
    mark_rest_passing,
    rows_to_judge,
    start_inspection,
    verdicts_from_sheet,
)
from reviews.audit.chain import verify_chain
from reviews.errors import PermissionDenied, ReviewsError
from reviews.queries import inspections as inspection_queries
from reviews.signoff import checklist_for
from reviews.signoff.checklist import FAIL, PASS, WARN
from reviews.signoff.checklist.inspection import EXPLAINED, needs_explanation
from reviews.store import now
from reviews.workspace.inspection_pace import (
    DEFAULT_SECONDS_PER_ROW,
    min_seconds_per_row,
    set_min_seconds_per_row,
    too_fast,
)
from tests.support.signoff_flow import ADMIN, OFFICER, R1, STEWARD, accepted_flow

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _rows() -> pd.DataFrame:
    return pd.DataFrame({"age": [30, 40, 50], "city": ["a", "b", "c"]}, index=[4, 9, 12])


def test_sheet_starts_unjudged_with_the_verdict_boxes_first():
    sheet = inspection_sheet(_rows())
    assert list(sheet.columns[:2]) == [PASS_COLUMN, FAIL_COLUMN]
    assert not sheet[PASS_COLUMN].any() and not sheet[FAIL_COLUMN].any()
    assert verdicts_from_sheet(sheet) == {}


def test_sheet_reads_only_the_rows_judged_and_refuses_both_boxes():
    sheet = inspection_sheet(_rows())
    sheet.loc[4, PASS_COLUMN] = True
    sheet.loc[12, FAIL_COLUMN] = True
    assert verdicts_from_sheet(sheet) == {4: True, 12: False}
    assert mark_rest_passing(sheet) == ({4: True, 12: False, 9: True}, [9])
    sheet.loc[9, [PASS_COLUMN, FAIL_COLUMN]] = True
    with pytest.raises(ReviewsError, match="Rows 9 are ticked both pass and fail"):
        verdicts_from_sheet(sheet)


def test_sheet_drawn_from_verdicts_ticks_one_box_each():
    sheet = inspection_sheet(_rows(), {9: True, 12: False})
    assert sheet[PASS_COLUMN].tolist() == [False, True, False]
    assert sheet[FAIL_COLUMN].tolist() == [False, False, True]
    assert verdicts_from_sheet(sheet) == {9: True, 12: False}


def test_ticks_set_replace_and_clear_verdicts():
    verdicts = {4: True, 9: False}
    # Ticking fail on a passed row makes it failed; unticking a row's own verdict clears it;
    # unticking the other box changes nothing; a tick on an unjudged row judges it.
    ticks = {
        4: {FAIL_COLUMN: True},
        9: {PASS_COLUMN: False},
        12: {PASS_COLUMN: True},
    }
    assert apply_ticks(verdicts, ticks) == {4: False, 9: False, 12: True}
    assert apply_ticks(verdicts, {9: {FAIL_COLUMN: False}}) == {4: True}
    assert verdicts == {4: True, 9: False}  # the verdicts given are left as they were


def _inspect(store, accepted_id, seed, passing, seconds_per_row=None, marked_all=False):
    """One whole attempt, judged in one batch; returns its id."""
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=20, min_lower=0.8, seed=seed)
    sample = rows_to_judge(store, R1, inspection_id, limit=100)
    verdicts = {int(i): passing for i in sample.index}
    started = None if seconds_per_row is None else now() - timedelta(seconds=seconds_per_row * len(sample))
    marked = list(verdicts) if marked_all else ()
    judge(store, R1, inspection_id, verdicts, started_at=started, marked=marked)
    return inspection_id


def test_a_failed_attempt_stays_in_the_checklist_and_warns_until_explained(store):
    flow = accepted_flow(store)
    failed = _inspect(store, flow.accepted_id, seed=2, passing=False, seconds_per_row=5)
    item = checklist_for(store, OFFICER, flow.accepted_id).item("inspection")
    assert item.status == FAIL
    passed = _inspect(store, flow.accepted_id, seed=3, passing=True, seconds_per_row=5)
    item = checklist_for(store, OFFICER, flow.accepted_id).item("inspection")
    assert item.links == (f"inspection:{flow.inspection_id}", f"inspection:{failed}", f"inspection:{passed}")
    assert f"inspection:{failed} failed: 0/20 rows passed" in item.evidence
    assert f"inspection:{passed} passed: 20/20 rows passed" in item.evidence
    assert item.status == WARN and needs_explanation(item)
    assert [a["status"] for a in item.details["attempts"]] == ["passed", "failed", "passed"]

    with pytest.raises(PermissionDenied):
        store.grant(STEWARD, EXPLAINED, flow.accepted_id, "The steward cannot explain it away.")
    store.grant(OFFICER, EXPLAINED, flow.accepted_id, "Rows 3-7 were a display bug, fixed before retry.")
    item = checklist_for(store, OFFICER, flow.accepted_id).item("inspection")
    assert item.status == PASS and not needs_explanation(item)
    assert "Earlier failure explained by officer: Rows 3-7 were a display bug" in item.evidence
    assert f"inspection:{failed} failed" in item.evidence  # explained, still shown
    events = queries.audit_frame(store, f"grant.{EXPLAINED}")
    assert len(events) == 1 and "display bug" in str(events.iloc[0]["payload"])

    # A failure after the explanation is not covered by it.
    _inspect(store, flow.accepted_id, seed=4, passing=False, seconds_per_row=5)
    _inspect(store, flow.accepted_id, seed=5, passing=True, seconds_per_row=5)
    item = checklist_for(store, OFFICER, flow.accepted_id).item("inspection")
    assert item.status == WARN and len(item.links) == 5
    assert verify_chain(store.engine).ok


def test_a_batch_judged_faster_than_the_setting_is_flagged(store):
    flow = accepted_flow(store)
    assert min_seconds_per_row(store) == DEFAULT_SECONDS_PER_ROW
    fast = _inspect(store, flow.accepted_id, seed=2, passing=True, seconds_per_row=0.5, marked_all=True)
    batches = inspection_queries.inspection_batch_rows(store, fast)
    assert len(batches) == 1 and batches[0]["rows"] == 20 and batches[0]["marked_rows"] == 20
    assert batches[0]["seconds"] == pytest.approx(10, abs=2)
    item = checklist_for(store, OFFICER, flow.accepted_id).item("inspection")
    assert item.status == WARN
    assert "Judged faster than 2 s a row: 20 rows in 10 s by reviewer." in item.evidence
    assert f"20 row(s) of inspection:{fast} were marked passing by one action." in item.evidence
    event = queries.audit_frame(store, "inspection.verdicts").iloc[-1]
    assert "marked_passing_at_once" in str(event["payload"])

    set_min_seconds_per_row(store, ADMIN, 0.25)
    assert checklist_for(store, OFFICER, flow.accepted_id).item("inspection").status == PASS
    with pytest.raises(PermissionDenied):
        set_min_seconds_per_row(store, STEWARD, 5)
    with pytest.raises(ReviewsError, match="between 0 and"):
        set_min_seconds_per_row(store, ADMIN, -1)


def test_batch_timing_refuses_a_start_in_the_future_and_marks_only_passing_rows(store):
    flow = accepted_flow(store)
    inspection_id = start_inspection(store, STEWARD, flow.accepted_id, size=20, min_lower=0.8, seed=2)
    sample = [int(i) for i in rows_to_judge(store, R1, inspection_id, limit=3).index]
    with pytest.raises(ReviewsError, match="future"):
        judge(store, R1, inspection_id, {sample[0]: True}, started_at=now() + timedelta(minutes=5))
    with pytest.raises(ReviewsError, match="Only rows saved as passing"):
        judge(store, R1, inspection_id, {sample[0]: False}, marked=[sample[0]])
    assert inspection_queries.inspection_batch_rows(store, inspection_id) == []


@pytest.mark.parametrize(
    ("rows", "seconds", "pace", "flagged"),
    [(10, 19.9, 2.0, True), (10, 20.0, 2.0, False), (10, None, 2.0, False), (10, 1.0, 0.0, False)],
)
def test_too_fast_at_its_boundary(rows, seconds, pace, flagged):
    assert too_fast({"rows": rows, "seconds": seconds}, pace) is flagged
