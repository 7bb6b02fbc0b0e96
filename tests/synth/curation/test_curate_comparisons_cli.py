"""``python -m synth curate --comparisons``: the Bradley–Terry model is fitted on the candidates'
comparisons, then the curation keeps what a reviewer with a known utility prefers."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit
from scipy.stats import kendalltau

from synth.cli import run_cli
from synth.lineage.record import read_sidecar
from tests.synth.curation.test_curate_cli import _candidates


def synth(*argv):
    return run_cli("synth", ("generate", "curate"), package="synth.commands", argv=list(argv))


def _young_preferred(rows: pd.DataFrame) -> np.ndarray:
    """The simulated reviewer's utility: younger is better, one unit per standard deviation."""
    age = rows["age"].to_numpy(dtype=float)
    return -(age - age.mean()) / age.std()


def _comparisons(utility: np.ndarray, m: int, seed: int, reviewers: list[str] | None = None) -> pd.DataFrame:
    """Comparisons drawn by the Bradley–Terry model on ``utility``; a reviewer named ``random-*``
    answers by a coin."""
    rng = np.random.default_rng(seed)
    n = len(utility)
    i = rng.integers(0, n, m)
    j = (i + rng.integers(1, n, m)) % n
    p = expit(utility[i] - utility[j])
    who = None if reviewers is None else [reviewers[t % len(reviewers)] for t in range(m)]
    if who is not None:
        p = np.where([w.startswith("random") for w in who], 0.5, p)
    i_wins = rng.random(m) < p
    table = pd.DataFrame({"winner": np.where(i_wins, i, j), "loser": np.where(i_wins, j, i)})
    return table if who is None else table.assign(reviewer=who)


def test_fitted_preference_steers_the_curation_towards_what_reviewers_prefer(tmp_path, capsys):
    cand = _candidates(tmp_path)
    rows = pd.read_csv(cand)
    truth = _young_preferred(rows)
    _comparisons(truth, 1500, seed=3).to_csv(tmp_path / "cmp.csv", index=False)
    capsys.readouterr()
    out, scores = tmp_path / "kept.csv", tmp_path / "fitted.csv"
    args = ["curate", str(cand), "--comparisons", str(tmp_path / "cmp.csv"), "--k", "4", "--beta", "2"]
    assert synth(*args, "--scores-out", str(scores), "--out", str(out), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    fitted = pd.read_csv(scores)["score"].to_numpy()
    assert kendalltau(fitted, truth).statistic > 0.8  # the model learned the reviewer's criterion
    kept = pd.read_csv(out)
    assert len(kept) == 100
    assert kept["age"].mean() < rows["age"].mean() - 5  # younger rows kept, as the reviewer prefers
    report = result["report"]
    assert report["mean_utility_after"] > report["mean_utility_before"]
    assert report["mean_utility_before"] == pytest.approx(fitted.mean())
    curation = read_sidecar(out).lineage.curation
    assert curation["preference_model"] == "bradley_terry" and curation["comparisons"] == 1500
    assert len(curation["comparisons_sha256"]) == 64 and "scores_sha256" not in curation
    assert read_sidecar(out).depth == read_sidecar(cand).depth


def test_a_reviewer_column_fits_reviewer_reliability(tmp_path, capsys):
    cand = _candidates(tmp_path)
    truth = _young_preferred(pd.read_csv(cand))
    table = _comparisons(truth, 1600, seed=4, reviewers=["ann", "bo", "cy", "random-dee"])
    table.to_csv(tmp_path / "cmp.csv", index=False)
    out = tmp_path / "kept.csv"
    args = ["curate", str(cand), "--comparisons", str(tmp_path / "cmp.csv"), "--k", "4"]
    assert synth(*args, "--out", str(out)) == 0
    curation = read_sidecar(out).lineage.curation
    assert curation["preference_model"] == "bradley_terry_reviewer_reliability"
    reliability = curation["reviewer_reliability"]
    assert min(reliability, key=reliability.get) == "random-dee" and reliability["random-dee"] < 0.5


@pytest.mark.parametrize(
    "table,extra,message",
    [
        ({"winner": [0, 9999], "loser": [1, 2]}, [], "outside 0..399"),
        ({"first": [0], "second": [1]}, [], "lacks column(s)"),
        ({"winner": [0, 1], "loser": [1, 2], "reviewer": ["a", None]}, [], "have no reviewer"),
        ({"winner": [0], "loser": [1]}, ["--scores", "SCORES"], "exactly one of --scores"),
        ({"winner": [0], "loser": [1]}, ["--alpha", "0"], "alpha must be positive"),
    ],
)
def test_bad_comparisons_exit_2_with_one_line(tmp_path, capsys, table, extra, message):
    cand = _candidates(tmp_path)
    pd.DataFrame(table).to_csv(tmp_path / "cmp.csv", index=False)
    pd.DataFrame({"score": np.zeros(400)}).to_csv(tmp_path / "scores.csv", index=False)
    extra = [str(tmp_path / "scores.csv") if a == "SCORES" else a for a in extra]
    capsys.readouterr()
    args = ["curate", str(cand), "--comparisons", str(tmp_path / "cmp.csv"), "--k", "4", *extra]
    assert synth(*args, "--out", str(tmp_path / "k.csv")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert not (tmp_path / "k.csv").exists()


def test_neither_scores_nor_comparisons_exits_2(tmp_path, capsys):
    cand = _candidates(tmp_path, rows=40)
    capsys.readouterr()
    assert synth("curate", str(cand), "--k", "4", "--out", str(tmp_path / "k.csv")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exactly one of --scores" in err
