"""``python -m synth curate`` end to end: candidates from ``synth generate``, scores like rank-fit's."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from synth.cli import run_cli
from synth.lineage.record import read_sidecar


def synth(*argv):
    return run_cli("synth", ("generate", "curate"), package="synth.commands", argv=list(argv))


def _candidates(tmp_path, rows=400):
    rng = np.random.default_rng(0)
    real = pd.DataFrame(
        {
            "age": rng.integers(18, 80, 300),
            "sex": rng.choice(["F", "M"], 300),
            "city": rng.choice(list("abc"), 300),
        }
    )
    real.to_csv(tmp_path / "real.csv", index=False)
    out = tmp_path / "cand.csv"
    args = ["generate", str(tmp_path / "real.csv"), "--generator", "rules", "--purpose", "privacy"]
    assert synth(*args, "--rows", str(rows), "--seed", "1", "--out", str(out)) == 0
    return out


def test_curate_keeps_one_row_per_block_with_higher_scores_and_lineage(tmp_path, capsys):
    cand = _candidates(tmp_path)
    rows = pd.read_csv(cand)
    scores = -np.abs(rows["age"].to_numpy() - 30) / 10
    pd.DataFrame({"score": scores}).to_csv(tmp_path / "scores.csv", index=False)
    capsys.readouterr()
    out = tmp_path / "kept.csv"
    args = ["curate", str(cand), "--scores", str(tmp_path / "scores.csv"), "--k", "4", "--beta", "2"]
    assert synth(*args, "--protected", "sex", "--out", str(out), "--json") == 0
    report = json.loads(capsys.readouterr().out)["report"]
    kept = pd.read_csv(out)
    assert len(kept) == 100 and report["kept"] == 100
    assert report["mean_utility_after"] > report["mean_utility_before"]
    assert set(report["protected"]["sex"]) == set(rows["sex"].astype(str))
    parent, sidecar = read_sidecar(cand), read_sidecar(out)
    assert sidecar.depth == parent.depth == 1  # drawn from the same fitted generator: no deeper
    assert sidecar.lineage.curation["k"] == 4 and sidecar.lineage.curation["beta"] == 2.0
    assert (
        sidecar.lineage.curation["mode"] == "softmax" and len(sidecar.lineage.curation["scores_sha256"]) == 64
    )


def test_flagged_and_rejected_rows_are_never_kept(tmp_path, capsys):
    cand = _candidates(tmp_path, rows=200)
    rows = pd.read_csv(cand)
    rows["position"] = np.arange(len(rows))  # to trace each kept row to its candidate
    rows["flagged"] = rows["position"] % 3 == 0
    rows.to_csv(tmp_path / "cand_flags.csv", index=False)
    scores = np.linspace(-1, 1, len(rows))
    pd.DataFrame({"score": scores}).to_csv(tmp_path / "scores.csv", index=False)
    out = tmp_path / "kept.csv"
    args = ["curate", str(tmp_path / "cand_flags.csv"), "--scores", str(tmp_path / "scores.csv"), "--k", "4"]
    assert (
        synth(
            *args, "--mode", "best_of_k", "--exclude-column", "flagged", "--min-score", "0", "--out", str(out)
        )
        == 0
    )
    kept = pd.read_csv(out)
    assert "flagged" not in kept.columns and 0 < len(kept) < 50
    positions = kept["position"].to_numpy()
    assert not rows["flagged"].to_numpy()[positions].any() and (scores[positions] >= 0).all()
    assert len(set(positions // 4)) == len(positions)  # one per block


def test_scores_that_do_not_match_the_rows_exit_2(tmp_path, capsys):
    cand = _candidates(tmp_path, rows=40)
    capsys.readouterr()
    pd.DataFrame({"score": np.zeros(39)}).to_csv(tmp_path / "scores.csv", index=False)
    args = [
        "curate",
        str(cand),
        "--scores",
        str(tmp_path / "scores.csv"),
        "--k",
        "4",
        "--out",
        str(tmp_path / "k.csv"),
    ]
    assert synth(*args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "39 scores for 40 rows" in err


def test_kept_rows_are_written_spreadsheet_safe(tmp_path, capsys):
    hostile = ['=HYPERLINK("http://evil.example","x")', "-2+3", "@cmd", "safe"]
    cand = tmp_path / "cand.csv"
    pd.DataFrame({"note": hostile * 25, "score_me": range(100)}).to_csv(cand, index=False)
    pd.DataFrame({"score": np.arange(100.0)}).to_csv(tmp_path / "scores.csv", index=False)
    out = tmp_path / "kept.csv"
    args = ["curate", str(cand), "--scores", str(tmp_path / "scores.csv"), "--k", "2", "--beta", "1"]
    assert synth(*args, "--out", str(out)) == 0
    kept = pd.read_csv(out)
    assert set(kept["note"]) <= {"'" + h for h in hostile[:3]} | {"safe"}
    assert not kept["note"].str.match(r"^[=+\-@]").any()
