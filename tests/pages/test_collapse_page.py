"""Collapse Lab page: the Gaussian lab with its recommendation, the table mode as a job."""

from __future__ import annotations

import math

from reviews import queries
from reviews.jobs.worker import run_one
from reviews.store import NewDataset
from reviews.workspace.permissions import Actor
from synth.demo import load_demo
from tests.pages.conftest import app_as


def test_gaussian_lab_recommends_and_admin_applies(workspace):
    at = app_as("admin", "pages/collapse.py", timeout=120)
    assert not at.exception
    (metric,) = [m for m in at.metric if m.label.startswith("Recommended maximum rounds")]
    c = -0.010135  # digamma(99/2) + ln(2/99), the closed form for M = 100
    assert int(metric.value) == math.floor(math.log(0.9) / c)
    assert len(at.get("plotly_chart")) == 7  # four of the lab, three of the arms
    next(b for b in at.button if b.key == "collapse_apply").click().run()
    assert queries.get_setting(workspace, "max_depth") == int(metric.value)


def test_three_arms_show_the_curated_lesson_and_follow_the_settings(workspace):
    at = app_as("steward", "pages/collapse.py", timeout=180)
    at.number_input(key="collapse_g").set_value(20).run()
    assert not at.exception
    lesson = next(i.value for i in at.info if "curation moved the mean reward" in i.value)
    assert "Keeping 20% real data each round holds the spread at" in lesson
    summary = next(f.value for f in at.dataframe if "Mean reward" in f.value.columns)
    assert list(summary.index) == ["replace", "accumulate", "curated"]
    assert summary.loc["curated", "Mean reward"] > summary.loc["replace", "Mean reward"]
    at.selectbox(key="collapse_curation").set_value("best_of_k")
    at.slider(key="collapse_share").set_value(0.0).run()
    lesson = next(i.value for i in at.info if "curation moved the mean reward" in i.value)
    assert "would hold at least 90%" in lesson and not at.exception


def test_lab_tables_head_their_columns_as_the_other_tables_do(workspace):
    at = app_as("steward", "pages/collapse.py", timeout=120)
    assert not at.exception
    lab = next(f.value for f in at.dataframe if "Median variance (sim)" in f.value.columns)
    assert lab.index.name == "Generation"
    assert [c for c in lab.columns if c[:1] != c[:1].upper()] == []
    arms = next(f.value for f in at.dataframe if "Mean reward" in f.value.columns)
    assert arms.index.name == "Arm" and list(arms.columns) == ["Mean drift", "Median variance", "Mean reward"]


def test_officer_sees_lab_but_cannot_apply(workspace):
    at = app_as("officer", "pages/collapse.py", timeout=120)
    assert not at.exception and not [b for b in at.button if b.key == "collapse_apply"]


def test_table_mode_runs_as_a_background_job(workspace):
    workspace.add_dataset(Actor("steward", "steward"), NewDataset("arrests", load_demo().head(500)))
    at = app_as("steward", "pages/collapse.py", timeout=120)
    at.radio(key="collapse_model").set_value("table").run()
    at.selectbox(key="collapse_generator").set_value("bootstrap")
    at.number_input(key="collapse_table_g").set_value(5)
    next(b for b in at.button if b.label == "Run in the background").click().run()
    assert "Waiting for a worker" in str(at.get("progress")[0].proto.text)
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    summary = next(f.value for f in at.dataframe if "Column-shape score" in f.value.columns)
    assert summary.index.name == "Generation"


def test_table_mode_with_a_simulated_reviewer_shows_three_arms(workspace):
    workspace.add_dataset(Actor("steward", "steward"), NewDataset("arrests", load_demo().head(500)))
    at = app_as("steward", "pages/collapse.py", timeout=120)
    at.radio(key="collapse_model").set_value("table").run()
    at.selectbox(key="collapse_cur_generator").set_value("bootstrap")
    at.number_input(key="collapse_cur_g").set_value(2)
    at.number_input(key="collapse_cur_m").set_value(40)
    next(b for b in at.button if b.label == "Run the three arms in the background").click().run()
    assert not at.exception
    assert run_one(workspace) is not None
    at.run()
    assert not at.exception
    titles = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert "What the reviewer prefers" in titles and "curated, real data kept" in titles
