"""Sign-off page: every inspection attempt in the checklist, its references linked, and the
officer's form to explain an earlier failure; Settings: the inspection pace."""

from __future__ import annotations

from reviews import queries
from reviews.acceptance.inspection import judge, rows_to_judge, start_inspection
from reviews.workspace.inspection_pace import min_seconds_per_row
from tests.pages.conftest import page_as as _page
from tests.pages.conftest import page_text
from tests.support.markdown_tables import links, page_tables
from tests.support.signoff_flow import R1, STEWARD


def _attempt(store, accepted_id: int, seed: int, passing: bool) -> int:
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=20, min_lower=0.8, seed=seed)
    sample = rows_to_judge(store, R1, inspection_id, limit=100)
    judge(store, R1, inspection_id, {int(i): passing for i in sample.index})
    return inspection_id


def test_failed_attempt_is_shown_linked_and_explained_by_the_officer(flow):
    store, built = flow
    failed = _attempt(store, built.accepted_id, seed=2, passing=False)
    passed = _attempt(store, built.accepted_id, seed=3, passing=True)
    at = _page("officer", "officer", "pages/signoff.py")
    assert not at.exception
    (row,) = [r for r in page_tables(at, "Evidence") if r["Item"] == "Sampling inspection"]
    assert row["Status"].endswith("warn")
    assert f"inspection:{failed} failed: 0/20 rows passed" in row["Evidence"]
    assert f"inspection:{passed} passed: 20/20 rows passed" in row["Evidence"]
    table = next(m.value for m in at.markdown if "Sampling inspection" in m.value and "|" in m.value)
    assert (f"inspection:{failed}", f"inspect?inspection={failed}") in links(table)
    assert all(not target.startswith(("http", "/", "javascript")) for _, target in links(table))

    key = f"signoff_inspection_explain_text_{built.accepted_id}"
    at.text_area(key=key).input("The first sample was judged against the old rubric.")
    next(b for b in at.button if b.label == "Record the explanation").click().run()
    assert "Explanation recorded." in page_text(at)
    (row,) = [r for r in page_tables(at, "Evidence") if r["Item"] == "Sampling inspection"]
    assert row["Status"].endswith("pass") and "old rubric" in row["Evidence"]
    assert not [t for t in at.text_area if t.key == key]  # nothing left to explain
    assert len(queries.audit_frame(store, "grant.inspection_failure_explained")) == 1


def test_admin_sets_the_inspection_pace(flow):
    store, _ = flow
    at = _page("admin", "admin", "pages/settings.py")
    at.number_input(key="settings_pace").set_value(3.5)
    next(b for b in at.button if b.label == "Save inspection pace").click().run()
    assert "Batches faster than 3.5 s a row are now flagged." in page_text(at)
    assert min_seconds_per_row(store) == 3.5
