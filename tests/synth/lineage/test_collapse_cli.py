"""``python -m synth collapse`` end to end through run_cli."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from synth.cli import run_cli

ARRAYS = ("mean_sq_drift", "median_var", "mean_var", "tail_mass", "wasserstein")


def collapse(argv):
    return run_cli("synth", ("collapse",), package="synth.commands", argv=["collapse", *argv])


def test_gaussian_json_has_arrays_for_generations_zero_to_g(capsys):
    code = collapse(
        [
            "--model",
            "gaussian",
            "--samples",
            "50",
            "--generations",
            "12",
            "--runs",
            "300",
            "--mode",
            "replace",
            "--seed",
            "4",
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    for key in ARRAYS:
        assert len(data[key]) == 13
    assert data["mean_sq_drift"][0] == 0 and abs(data["tail_mass"][0] - 0.05) < 1e-12
    assert len(data["theory"]["median_var"]) == 13
    np.testing.assert_allclose(data["theory"]["mean_sq_drift"], np.arange(13) / 50)
    assert data["recommendation"]["theory_rounds"] == 5 and data["recommendation"]["explanation"]


def test_gaussian_accumulate_json_marks_missing_theory(capsys):
    assert collapse(["--generations", "3", "--runs", "10", "--mode", "accumulate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "accumulate" and data["theory"]["median_var"] is None
    assert data["theory"]["bound_mean_sq_drift"] > 0


def test_text_output_ends_with_the_explanation(capsys):
    assert collapse(["--generations", "5", "--runs", "10"]) == 0
    out = capsys.readouterr().out
    assert "median variance (sim)" in out and "rounds" in out.splitlines()[-1]


def test_bad_arguments_exit_2_with_one_line(capsys):
    assert collapse(["--samples", "1", "--generations", "0", "--runs", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "at least 2" in err and "runs is 0" in err


def test_too_large_request_is_refused(capsys):
    assert collapse(["--samples", "100000", "--runs", "1000"]) == 2
    assert "too much memory" in capsys.readouterr().err


def test_table_mode_reads_a_file(tmp_path, capsys):
    rng = np.random.default_rng(0)
    path = tmp_path / "real.csv"
    pd.DataFrame({"x": rng.normal(size=100), "c": rng.choice(list("abc"), size=100)}).to_csv(
        path, index=False
    )
    code = collapse(
        [
            "--model",
            "table",
            "--data",
            str(path),
            "--generator",
            "bootstrap",
            "--samples",
            "20",
            "--generations",
            "4",
            "--runs",
            "2",
            "--json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == "table" and len(data["column_shape"]) == 5
    assert len(data["categories_kept"]["c"]) == 5 and data["real_categories"] == {"c": 3}


def test_table_mode_without_data_says_how_to_fix(capsys):
    assert collapse(["--model", "table"]) == 2
    assert "--data" in capsys.readouterr().err
