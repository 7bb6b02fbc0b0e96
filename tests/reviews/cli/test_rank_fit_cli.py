"""Tests for ``python -m reviews rank-fit`` through the shared CLI runner."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import kendalltau

from reviews.cli import main
from synth.cli import run_cli
from tests.synth.preference.test_bradley_terry import simulated_comparisons, simulated_rows
from tests.synth.preference.test_reliability import simulated_reviewers


def rank_fit(folder, rows: str, comparisons: str) -> int:
    argv = ["rank-fit", "--rows", str(folder / rows), "--comparisons", str(folder / comparisons)]
    return main([*argv, "--out", str(folder / "s.csv")], commands=("rank-fit",))


@pytest.fixture()
def files(tmp_path):
    rows, utility = simulated_rows()
    pairs = simulated_comparisons(utility)
    rows.to_csv(tmp_path / "rows.csv", index=False)
    pd.DataFrame(pairs, columns=["winner", "loser"]).to_csv(tmp_path / "cmp.csv", index=False)
    return tmp_path, utility


def test_scores_recover_the_true_ranking(files):
    path, utility = files
    code = rank_fit(path, "rows.csv", "cmp.csv")
    assert code == 0
    scores = pd.read_csv(path / "s.csv")
    assert list(scores.columns) == ["score"] and len(scores) == len(utility)
    assert kendalltau(scores["score"], utility).statistic >= 0.9


@pytest.mark.parametrize(
    "table,message",
    [
        ({"first": [0], "second": [1]}, "lacks column"),
        ({"winner": [0, 60], "loser": [1, 2]}, "outside 0..59"),
        ({"winner": [3], "loser": [3]}, "itself"),
        ({"winner": ["a"], "loser": [1]}, "whole number"),
    ],
)
def test_bad_comparisons_exit_2_with_one_line(files, capsys, table, message):
    path, _ = files
    pd.DataFrame(table).to_csv(path / "bad.csv", index=False)
    code = rank_fit(path, "rows.csv", "bad.csv")
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1
    assert not (path / "s.csv").exists()


def test_missing_rows_file(files, capsys):
    path, _ = files
    code = rank_fit(path, "nope.csv", "cmp.csv")
    assert code == 2 and "does not exist" in capsys.readouterr().err


def test_reviewer_column_fits_reliability_and_flags_the_random_reviewer(tmp_path):
    rows, utility = simulated_rows()
    pairs, who = simulated_reviewers(utility, ["careful"] * 3 + ["random"], 150, 5)
    rows.to_csv(tmp_path / "rows.csv", index=False)
    table = pd.DataFrame(pairs, columns=["winner", "loser"]).assign(reviewer=who)
    table.to_csv(tmp_path / "cmp.csv", index=False)
    argv = ["rank-fit", "--rows", str(tmp_path / "rows.csv"), "--comparisons", str(tmp_path / "cmp.csv")]
    argv += ["--out", str(tmp_path / "s.csv"), "--reliability-out", str(tmp_path / "r.csv")]
    assert main(argv, commands=("rank-fit",)) == 0
    scores = pd.read_csv(tmp_path / "s.csv")
    assert list(scores.columns) == ["score"] and len(scores) == len(rows)
    reliability = pd.read_csv(tmp_path / "r.csv")
    assert list(reliability.columns) == ["reviewer", "reliability", "flagged"]
    assert set(reliability["reviewer"]) == set(who)
    assert reliability.loc[reliability["flagged"], "reviewer"].tolist() == ["random-3"]


def test_reviewer_names_in_the_reliability_csv_are_inert(tmp_path):
    rows, utility = simulated_rows()
    pairs, who = simulated_reviewers(utility, ["careful"] * 2, 150, 5)
    rows.to_csv(tmp_path / "rows.csv", index=False)
    hostile = {who[0]: '=HYPERLINK("http://evil.example","me")', who[-1]: "@SUM(1+1)"}
    table = pd.DataFrame(pairs, columns=["winner", "loser"]).assign(reviewer=[hostile[w] for w in who])
    table.to_csv(tmp_path / "cmp.csv", index=False)
    argv = ["rank-fit", "--rows", str(tmp_path / "rows.csv"), "--comparisons", str(tmp_path / "cmp.csv")]
    argv += ["--out", str(tmp_path / "s.csv"), "--reliability-out", str(tmp_path / "r.csv")]
    assert main(argv, commands=("rank-fit",)) == 0
    reliability = pd.read_csv(tmp_path / "r.csv")
    assert sorted(reliability["reviewer"]) == sorted("'" + name for name in hostile.values())
    assert reliability["reliability"].dtype.kind == "f"


def test_reliability_out_without_reviewer_column_exits_2(files, capsys):
    path, _ = files
    argv = ["rank-fit", "--rows", str(path / "rows.csv"), "--comparisons", str(path / "cmp.csv")]
    argv += ["--out", str(path / "s.csv"), "--reliability-out", str(path / "r.csv")]
    assert main(argv, commands=("rank-fit",)) == 2
    assert "reviewer" in capsys.readouterr().err


@pytest.mark.parametrize("with_reviewers", [False, True])
def test_rank_fit_and_synth_curate_fit_the_same_scores(files, capsys, with_reviewers):
    path, utility = files
    if with_reviewers:
        pairs, who = simulated_reviewers(utility, ["careful"] * 3 + ["random"], 150, 5)
        pd.DataFrame(pairs, columns=["winner", "loser"]).assign(reviewer=who).to_csv(
            path / "cmp.csv", index=False
        )
    assert rank_fit(path, "rows.csv", "cmp.csv") == 0
    argv = ["curate", str(path / "rows.csv"), "--comparisons", str(path / "cmp.csv"), "--k", "3"]
    argv += ["--scores-out", str(path / "curate_scores.csv"), "--out", str(path / "kept.csv")]
    assert run_cli("synth", ("curate",), package="synth.commands", argv=argv) == 0
    ranked = pd.read_csv(path / "s.csv")["score"].to_numpy()
    curated = pd.read_csv(path / "curate_scores.csv")["score"].to_numpy()
    np.testing.assert_allclose(curated, ranked, rtol=1e-9, atol=1e-12)
    # and curating on rank-fit's scores keeps the very same rows
    argv = ["curate", str(path / "rows.csv"), "--scores", str(path / "s.csv"), "--k", "3"]
    assert (
        run_cli("synth", ("curate",), package="synth.commands", argv=[*argv, "--out", str(path / "k2.csv")])
        == 0
    )
    pd.testing.assert_frame_equal(pd.read_csv(path / "kept.csv"), pd.read_csv(path / "k2.csv"))
