"""The built-in demo dataset loads offline from scikit-lego."""

from __future__ import annotations

import socket

from synth.demo import DEMO_DESCRIPTION, DEMO_LABEL, DEMO_NAME, DEMO_PROTECTED, load_demo
from synth.profile import profile_table


def test_demo_loads_offline_with_expected_shape(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the demo tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    frame = load_demo()
    assert frame.shape == (5226, 8)
    assert DEMO_NAME == "arrests"
    assert set(DEMO_PROTECTED) | {DEMO_LABEL} <= set(frame.columns)
    assert set(frame[DEMO_LABEL]) == {"Yes", "No"}
    assert "5,226" in DEMO_DESCRIPTION


def test_demo_profiles_cleanly():
    profile = profile_table(load_demo())
    assert profile.rows == 5226
    assert profile.column("released").type == "boolean"
    assert {"colour", "sex", "age"} <= set(profile.quasi_identifiers())
    assert profile.pii_columns() == {}
