"""Lineage, depth limit and the sidecar file."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

import synth
from synth.errors import LineageError
from synth.lineage.record import (
    Sidecar,
    build_lineage,
    check_depth,
    file_sha256,
    read_sidecar,
    sidecar_path,
    write_sidecar,
)


def _lineage(parent=None, **options):
    return build_lineage(
        parent_sha256="p" * 64, parent=parent, generator="rules", settings={"rows": 5}, seed=3, **options
    )


def test_sha256_matches_hashlib(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n1,2\n")
    assert file_sha256(path) == hashlib.sha256(b"a,b\n1,2\n").hexdigest()


def test_real_data_gives_depth_one_and_records_versions():
    lineage = _lineage()
    assert lineage.depth == 1 and lineage.max_depth == 1
    assert lineage.source_sha256 == lineage.parent_sha256
    assert lineage.versions == {"sdv": "2.0.0", "pandas": pd.__version__, "synthreview": synth.__version__}


def test_past_the_limit_is_refused_with_the_limit_named():
    parent = Sidecar(_lineage(), "privacy", ("testing",))
    with pytest.raises(LineageError, match="limit of 1"):
        build_lineage(parent_sha256="c" * 64, parent=parent, generator="rules", settings={}, seed=1)
    with pytest.raises(LineageError, match="limit of 0"):
        check_depth(1, max_depth=0)


def test_override_with_justification_is_recorded():
    parent = Sidecar(_lineage(), "privacy", ("testing",))
    child = build_lineage(
        parent_sha256="c" * 64,
        parent=parent,
        generator="rules",
        settings={},
        seed=1,
        override_justification="collapse study",
    )
    assert child.depth == 2
    assert child.source_sha256 == "p" * 64  # the real root, not the parent
    assert child.override_justification == "collapse study"
    assert _lineage(override_justification="unused").override_justification is None


def test_sidecar_round_trip(tmp_path):
    out = tmp_path / "SYN.csv"
    sidecar = Sidecar(_lineage(), "bias", ("fine-tuning", "testing"))
    written = write_sidecar(out, sidecar)
    assert written == sidecar_path(out) == tmp_path / "SYN.lineage.json"
    data = json.loads(written.read_text())
    assert (
        data["depth"] == 1
        and data["purpose"] == "bias"
        and data["allowed_stages"] == ["fine-tuning", "testing"]
    )
    assert read_sidecar(out) == sidecar
    assert read_sidecar(tmp_path / "real.csv") is None
