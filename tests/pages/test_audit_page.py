"""Audit page: every role reads it; verify detects tampering; filters work."""

from __future__ import annotations

from sqlalchemy import text

from tests.pages.conftest import app_as


def test_reviewer_reads_filters_and_verifies(workspace):
    at = app_as("reviewer", "pages/audit.py")
    assert not at.exception
    assert set(at.dataframe[0].value["action"]) == {"user.create"}
    at.text_input(key="audit_object").input("user:officer").run()
    assert list(at.dataframe[0].value["object"]) == ["user:officer"]
    at.button(key="audit_verify").click().run()
    assert "intact: 5 events" in at.success[0].value


def test_verify_button_reports_tampering(workspace):
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    at = app_as("officer", "pages/audit.py")
    at.button(key="audit_verify").click().run()
    assert "broken at event 3" in at.error[0].value
