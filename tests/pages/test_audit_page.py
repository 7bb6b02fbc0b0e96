"""Audit page: every role reads it; verify detects tampering; filters work."""

from __future__ import annotations

from sqlalchemy import text

from tests.pages.conftest import app_as


def test_reviewer_reads_filters_and_verifies(workspace):
    at = app_as("reviewer", "pages/audit.py")
    assert not at.exception
    # the accounts made by the fixture, and the reviewer's own sign-in
    assert set(at.dataframe[0].value["action"]) == {"user.create", "session.start"}
    at.text_input(key="audit_object").input("user:officer").run()
    assert list(at.dataframe[0].value["object"]) == ["user:officer"]
    with workspace.engine.connect() as conn:
        stored = conn.execute(text("SELECT COUNT(*) FROM audit_events")).scalar_one()
    at.button(key="audit_verify").click().run()
    assert f"intact: {stored} events" in at.success[0].value


def test_verify_button_reports_tampering(workspace):
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    at = app_as("officer", "pages/audit.py")
    at.button(key="audit_verify").click().run()
    assert "broken at event 3" in at.error[0].value


def test_a_reviewer_sees_other_reviewers_answers_without_contents(workspace, synthetic_dataset):
    from reviews.ranking import rounds
    from reviews.workspace.permissions import Actor

    steward, other = Actor("steward", "steward"), Actor("reviewer2", "reviewer")
    round_id = rounds.open_round(
        workspace, steward, synthetic_dataset, rounds.RoundConfig(batch_size=3, overlap=2)
    )
    view = rounds.next_task(workspace, other, round_id)
    rounds.submit(workspace, other, round_id, view.task_id, ranking=view.rows)
    at = app_as("reviewer", "pages/audit.py")
    at.text_input(key="audit_action").input("review.").run()
    table = at.dataframe[0].value
    assert list(table["actor"]) == ["reviewer2"] and list(table["payload"]) == [""]
    assert "without their contents" in " ".join(c.value for c in at.caption)
    officer = app_as("officer", "pages/audit.py")
    officer.text_input(key="audit_action").input("review.").run()
    assert "ranking" in officer.dataframe[0].value["payload"][0]
