"""Generate and Settings pages: epsilon and delta for the DP generator, and the require-DP setting."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from reviews.jobs.worker import run_one
from reviews.services.intake import import_demo, import_upload
from reviews.workspace.dp_requirement import current_requirement, set_requirement
from reviews.workspace.permissions import Actor
from tests.pages.conftest import app_as, page_text


@pytest.fixture
def demo(workspace):
    return import_demo(workspace, Actor("steward", "steward"))


def _click(at, label):
    next(b for b in at.button if b.label == label).click().run()


def test_the_generate_page_offers_epsilon_and_delta_for_mst_only(workspace, demo):
    at = app_as("steward", "pages/generate.py", timeout=120)
    keys = {w.key for w in at.number_input}
    assert "gen_epsilon" not in keys and "gen_delta" not in keys
    at.selectbox(key="gen_generator").set_value("mst").run()
    assert at.number_input(key="gen_epsilon").value == 1.0
    assert at.number_input(key="gen_delta").value == pytest.approx(1e-6)
    assert at.text_area(key="gen_domain").value == ""
    assert "differentially private for each row" in page_text(at)


def test_the_page_refuses_what_the_privacy_requirement_forbids(workspace, demo):
    set_requirement(workspace, Actor("admin", "admin"), True, 0.5)
    at = app_as("steward", "pages/generate.py", timeout=120)
    _click(at, "Generate")  # rules, the default
    assert "requires a differentially private generator" in at.error[0].value
    at.selectbox(key="gen_generator").set_value("mst").run()
    at.number_input(key="gen_epsilon").set_value(2.0)
    _click(at, "Generate")
    assert "allows epsilon at most 0.5" in at.error[0].value
    at.text_area(key="gen_domain").input("{not json")
    at.number_input(key="gen_epsilon").set_value(0.5)
    _click(at, "Generate")
    assert "not valid JSON" in at.error[0].value


def test_an_admin_requires_differential_privacy_on_settings(workspace):
    at = app_as("admin", "pages/settings.py")
    at.checkbox(key="settings_dp_required").check()
    at.number_input(key="settings_dp_epsilon").set_value(2.0)
    _click(at, "Save privacy requirement")
    assert not at.exception
    requirement = current_requirement(workspace)
    assert requirement.required and requirement.max_epsilon == 2.0
    assert "The privacy requirement is saved." in page_text(at)


@pytest.mark.parametrize("workspace", ["sqlite"], indirect=True)  # one MST fit shows the result
def test_the_generate_result_shows_the_guarantee(workspace):
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"age": rng.integers(18, 81, 1000), "sex": rng.choice(["Female", "Male"], 1000)})
    import_upload(workspace, Actor("steward", "steward"), table.to_csv(index=False).encode(), "people.csv")
    at = app_as("steward", "pages/generate.py", timeout=120)
    at.selectbox(key="gen_generator").set_value("mst").run()
    domain = {"age": {"lower": 18, "upper": 80}, "sex": {"categories": ["Female", "Male"]}}
    at.text_area(key="gen_domain").input(json.dumps(domain))
    at.number_input(key="gen_rows").set_value(200)
    _click(at, "Generate")
    assert not at.error
    assert run_one(workspace) is not None
    at.run()
    text = page_text(at)
    assert "Generated 1 dataset(s)." in text
    assert "Differential privacy: epsilon 1, delta 1e-06 per one row (MST, smartnoise-synth" in text
    assert "Preprocessing spent epsilon 0 of it" in text
