"""The built-in demo dataset loads offline from scikit-lego."""

from __future__ import annotations

import socket

from sklego.datasets import load_arrests

from synth.demo import DEMO_DESCRIPTION, DEMO_LABEL, DEMO_PROTECTED, load_demo
from synth.profile import profile_table


def test_demo_loads_offline_with_expected_shape(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the demo tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    frame = load_demo()
    packaged = load_arrests(as_frame=True)  # the oracle: scikit-lego's own copy
    assert frame.shape == packaged.shape and list(frame.columns) == list(packaged.columns)
    assert set(DEMO_PROTECTED) | {DEMO_LABEL} <= set(frame.columns)
    assert set(frame[DEMO_LABEL]) == {"Yes", "No"}
    assert f"{len(frame):,}" in DEMO_DESCRIPTION  # the description states the true row count


def test_demo_profiles_cleanly():
    profile = profile_table(load_demo())
    assert profile.rows == 5226
    assert profile.column("released").type == "boolean"
    assert {"colour", "sex", "age"} <= set(profile.quasi_identifiers())
    assert profile.pii_columns() == {}
