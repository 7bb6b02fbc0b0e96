"""Officer permissions page: grants need a justification and are listed."""

from __future__ import annotations

from reviews import queries
from reviews.services.intake import import_demo
from reviews.workspace.permissions import Actor
from tests.pages.conftest import app_as, page_text


def test_officer_grants_with_justification(workspace):
    dataset_id = import_demo(workspace, Actor("steward", "steward"))
    at = app_as("officer", "pages/grants.py")
    at.radio(key="grants_kind").set_value("pretraining")
    at.text_area(key="grants_justification").input("ok")
    next(b for b in at.button if b.label == "Grant").click().run()
    assert "justification" in at.error[0].value
    at.text_area(key="grants_justification").input("Approved by the data board for the pre-training pilot.")
    next(b for b in at.button if b.label == "Grant").click().run()
    assert "Granted and recorded." in page_text(at)
    assert queries.get_grant(workspace, "pretraining", dataset_id)["by"] == "officer"
    assert "pre-training pilot" in at.dataframe[0].value["Justification"].iloc[0]
