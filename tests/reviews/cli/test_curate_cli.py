"""``python -m reviews curate ROUND_ID``: the Rounds page's curated generation from the command line."""

from __future__ import annotations

import json

import pytest

from reviews import queries
from reviews.cli import COMMANDS, main
from tests.reviews.jobs.test_curate_job import _answer, reviewed_round  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _cli(*argv: str) -> int:
    return main(list(argv), commands=COMMANDS)


def test_curate_from_a_round_stores_a_curated_dataset(store, reviewed_round, capsys):  # noqa: F811
    round_id, synthetic_id = reviewed_round
    assert _cli("curate", str(round_id), "--rows", "30", "--k", "4", "--beta", "2") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no fitted preference model" in err
    _answer(store, round_id, synthetic_id)
    assert _cli("curate", str(round_id), "--rows", "30", "--k", "4", "--beta", "2", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    curated = queries.get_dataset(store, result["dataset_id"])
    curation = curated.lineage["curation"]
    assert (curation["round_id"], curation["k"], curation["beta"], curation["mode"]) == (
        round_id,
        4,
        2.0,
        "softmax",
    )
    assert curated.depth == queries.get_dataset(store, synthetic_id).depth
    report = result["report"]
    assert report["mean_utility_after"] > report["mean_utility_before"]


def test_unknown_round_exits_2(store, capsys):
    assert _cli("curate", "999", "--rows", "10") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "999" in err
