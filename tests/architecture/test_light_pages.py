"""The sign-in page and Home draw without the statistics and generator stacks.

Each page runs in a fresh interpreter (``AppTest`` in a subprocess), so ``sys.modules`` holds
exactly what drawing it imported. Those stacks take seconds to import on a small machine, and a
visitor waits for every one of them before the sign-in form appears. Alembic is among them: a
workspace already at the newest migration is opened without it.
"""

from __future__ import annotations

import os

import pytest

from tests.support.databases import fresh_store
from tests.support.fresh_interpreter import ROOT, probe

HEAVY = ("torch", "sdv", "scipy.stats", "sklearn", "ctgan", "rdt", "sdmetrics", "alembic")
PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
if sys.argv[2]:
    from reviews.workspace.permissions import Actor
    from tests.support.sessions import sign_in_app
    sign_in_app(at, Actor(sys.argv[2], sys.argv[2]))
at.run()
print(json.dumps({
    "exceptions": [str(e.value) for e in at.exception],
    "titles": [t.value for t in at.title],
    "heavy": [m for m in sys.argv[3].split(",") if m in sys.modules],
}))
"""


@pytest.mark.parametrize(("username", "title"), [("", "Sign in to SynthReview"), ("steward", "SynthReview")])
def test_sign_in_and_home_import_no_heavy_stack(tmp_path, monkeypatch, username, title):
    store = fresh_store("sqlite", tmp_path, monkeypatch)
    from reviews.workspace.permissions import SYSTEM

    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    store.create_user(SYSTEM, "steward", "steward-pass-phrase", "steward")
    env = {**os.environ, "SYNTHREVIEW_WORKER": "off", "PYTHONPATH": str(ROOT)}
    env.pop("SYNTHREVIEW_DEMO", None)
    seen = probe(PROBE, str(ROOT / "app.py"), username, ",".join(HEAVY), env=env)
    assert seen["exceptions"] == [] and title in seen["titles"]
    assert seen["heavy"] == [], f"drawing the page imported {seen['heavy']}"
