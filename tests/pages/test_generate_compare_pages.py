"""Generate and Compare pages: a steward generates from the demo data, then evaluates it."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.jobs.worker import run_one
from reviews.services.intake import import_demo
from reviews.workspace.permissions import Actor
from tests.pages.conftest import app_as, open_lineage_graphs, open_tab, page_text


@pytest.fixture
def demo(workspace):
    return import_demo(workspace, Actor("steward", "steward"))


def _click(at, label):
    next(b for b in at.button if b.label == label).click().run()


def test_generate_privacy_and_bias_then_see_summary(workspace, demo):
    at = app_as("steward", "pages/generate.py", timeout=180)
    at.multiselect(key="gen_purposes").select("bias").run()
    at.multiselect(key="gen_protected").select("sex")
    at.number_input(key="gen_rows").set_value(500)
    _click(at, "Generate")
    assert not at.exception and not at.error
    assert "Waiting for a worker" in at.get("progress")[0].proto.text  # queued, shown with a progress bar
    assert run_one(workspace) is not None
    at.run()
    assert "Generated 2 dataset(s)." in page_text(at)
    purposes = {d.purpose for d in queries.list_datasets(workspace) if d.kind == "synthetic"}
    assert purposes == {"privacy", "bias"}
    assert not at.get("graphviz_chart")  # each lineage graph is drawn once its expander is opened
    open_lineage_graphs(at, workspace)
    assert len(at.get("graphviz_chart")) == 2
    assert "May feed these training stages: fine-tuning, evaluation, testing" in page_text(at)


def test_generate_refuses_past_the_depth_limit_on_the_page(workspace, demo):
    at = app_as("steward", "pages/generate.py", timeout=180)
    _click(at, "Generate")
    run_one(workspace)
    synthetic = next(d for d in queries.list_datasets(workspace) if d.kind == "synthetic")
    at = app_as("steward", "pages/generate.py", timeout=180)
    at.selectbox(key="gen_source").set_value(synthetic.id).run()
    _click(at, "Generate")
    assert "past the limit of 1" in at.error[0].value


def test_only_stewards_get_the_generate_page(workspace):
    from ui.navigation import visible_pages

    for role in ("admin", "reviewer", "officer"):
        assert "generate" not in [p[3] for p in visible_pages(Actor(role, role))]


def test_compare_evaluates_and_shows_evidence(workspace, demo):
    at = app_as("steward", "pages/generate.py", timeout=180)
    at.number_input(key="gen_rows").set_value(500)
    _click(at, "Generate")
    run_one(workspace)
    at = app_as("steward", "pages/compare.py", timeout=180)
    assert "has not been evaluated yet" in page_text(at)
    at.button(key="compare_run").click().run()
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Fidelity (overall)" in labels and "Closer to train than holdout" in labels
    assert not at.get("plotly_chart")  # the scores tab opens first; charts wait for their tab
    assert not at.get("download_button")  # the report is drawn only when asked for
    at.button(key="compare_report_prepare").click().run()
    (evaluation_id, language), report = at.session_state["compare_report"]
    assert (
        language == "en"
        and report.startswith(b"<!DOCTYPE html>")
        and b"SynthReview evaluation of #" in report
    )
    assert len(at.get("download_button")) == 1
    at.run()  # a later run of the page keeps the drawn report and its download
    assert len(at.get("download_button")) == 1
    open_tab(at, "compare_tab", "Columns")
    assert len(at.get("plotly_chart")) >= 3  # column scores, overlay, (missingness,) correlations
    at.selectbox(key="compare_column").set_value("colour").run()
    assert at.session_state["compare_tab"] == "Columns"  # a widget in the tab keeps it open
    open_tab(at, "compare_tab", "Privacy")
    assert len(at.get("plotly_chart")) >= 1  # distances to the closest training row
    open_tab(at, "compare_tab", "Leaderboard")
    assert any("fidelity" in str(c).lower() for f in at.dataframe for c in f.value.columns)
    assert not at.exception
    reviewer = app_as(
        "reviewer", "pages/compare.py", timeout=180
    )  # everyone can compare, not everyone evaluates
    assert not reviewer.exception and not [b for b in reviewer.button if b.key == "compare_run"]


def test_a_running_job_survives_a_new_session(workspace, demo):
    first = app_as("steward", "pages/generate.py", timeout=180)
    _click(first, "Generate")
    # A new browser session (a reload) of the same user finds the job again, with its progress.
    reloaded = app_as("steward", "pages/generate.py", timeout=180)
    assert "Waiting for a worker" in reloaded.get("progress")[0].proto.text
    assert reloaded.button(
        key=next(b.key for b in reloaded.button if b.key and b.key.startswith("gen_job_cancel"))
    )
    run_one(workspace)
    reloaded.run()
    assert "Generated 1 dataset(s)." in page_text(reloaded)


def test_cancel_from_the_page(workspace, demo):
    at = app_as("steward", "pages/generate.py", timeout=180)
    _click(at, "Generate")
    next(b for b in at.button if b.key and b.key.startswith("gen_job_cancel")).click().run()
    assert run_one(workspace) is None  # nothing left to run
    assert "cancelled" in page_text(at) and not [
        d for d in queries.list_datasets(workspace) if d.kind == "synthetic"
    ]
