"""``mst``: a differentially private generation end to end, and how its budget is spent."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synth.cli import run_cli
from synth.generators import make_generator
from synth.generators.dp_mst import PREPROCESSING_SHARE
from synth.metrics.base import infer_column_types
from synth.metrics.evaluate import fidelity

ADULT_DOMAIN = Path(__file__).parents[2] / "data" / "adult_domain.json"  # categories from Adult's codebook
COLUMNS = ["age", "education", "sex", "hours-per-week", "income"]


def generate(*argv) -> int:
    return run_cli("synth", ("generate",), package="synth.commands", argv=["generate", *map(str, argv)])


def test_generate_mst_records_epsilon_and_keeps_fidelity_on_adult(adult_path, tmp_path, capsys):
    data, domain = tmp_path / "adult.csv", tmp_path / "domain.json"
    pd.read_csv(adult_path, na_values="?")[COLUMNS].sample(3000, random_state=0).to_csv(data, index=False)
    declared = json.loads(ADULT_DOMAIN.read_text())
    domain.write_text(json.dumps({c: declared[c] for c in COLUMNS}))
    out, train = tmp_path / "syn.csv", tmp_path / "train.csv"
    argv = ["--generator", "mst", "--epsilon", "1.0", "--domain", domain, "--rows", 3000, "--out", out]
    assert generate(data, *argv, "--train-out", train) == 0
    assert "epsilon 1, delta 1e-06 per one row" in capsys.readouterr().out

    privacy = json.loads((tmp_path / "syn.lineage.json").read_text())["lineage"]["privacy"]
    assert privacy["epsilon"] == 1.0 and privacy["delta"] == 1e-6
    assert privacy["unit_of_privacy"] == "one row"
    assert (privacy["library"], privacy["library_version"]) == (
        "smartnoise-synth",
        version("smartnoise-synth"),
    )
    # Every domain was declared, so preprocessing spent nothing and MST had the whole budget.
    assert privacy["preprocessing"]["epsilon"] == 0
    assert {c["source"] for c in privacy["preprocessing"]["columns"].values()} == {"declared"}
    assert privacy["mst"]["epsilon"] == 1.0

    real, synthetic = pd.read_csv(train), pd.read_csv(out)
    assert len(synthetic) == 3000 and list(synthetic.columns) == COLUMNS
    assert fidelity(real, synthetic, infer_column_types(real), extras=False)["overall"] >= 0.8


def test_generate_mst_refuses_a_bad_budget_with_exit_2(tmp_path, capsys):
    data = tmp_path / "t.csv"
    pd.DataFrame({"a": [1, 2, 3] * 10, "b": ["x", "y", "z"] * 10}).to_csv(data, index=False)
    assert (
        generate(data, "--generator", "mst", "--epsilon", "0", "--rows", 5, "--out", tmp_path / "o.csv") == 2
    )
    assert "epsilon must be a number above 0" in capsys.readouterr().err
    assert (
        generate(data, "--generator", "rules", "--epsilon", "1", "--rows", 5, "--out", tmp_path / "o.csv")
        == 2
    )
    assert "only to a differentially private generator" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_undeclared_domains_are_paid_for_from_epsilon_and_declared_ones_are_free():
    rng = np.random.default_rng(0)
    n = 4000
    train = pd.DataFrame(
        {
            "amount": rng.integers(0, 1000, n),
            "colour": rng.choice(["red", "blue"], n),
            "flag": rng.random(n) < 0.3,
            "grade": rng.choice(["A", "B"], n),
        }
    )
    train.loc[0, "colour"] = "one-of-a-kind"  # a single person's value
    declared = {"grade": {"categories": ["A", "B", "C"]}}  # C is declared though nobody has it
    model = make_generator("mst", seed=0, epsilon=2.0, delta=1e-6, domain=declared)
    model.fit(train)
    guarantee = model.guarantee
    columns = guarantee["preprocessing"]["columns"]
    assert {c: d["source"] for c, d in columns.items()} == {
        "amount": "paid",
        "colour": "paid",
        "flag": "schema",
        "grade": "declared",
    }
    assert columns["grade"]["categories"] == 3
    # Sequential composition: preprocessing plus MST is exactly the budget asked for.
    spent = guarantee["preprocessing"]
    assert spent["epsilon"] == pytest.approx(PREPROCESSING_SHARE * 2.0)
    assert spent["epsilon"] + guarantee["mst"]["epsilon"] == pytest.approx(2.0)
    assert spent["delta"] + guarantee["mst"]["delta"] == pytest.approx(1e-6)
    rows = model.sample(2000)
    assert "one-of-a-kind" not in set(rows["colour"].dropna())
    assert set(rows["colour"].dropna()) <= {"red", "blue"}
    assert rows["amount"].dropna().between(0, 1024).all()
