"""``python -m synth evaluate`` end to end, and the shape of ``evaluate``'s result."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from synth.cli import run_cli
from synth.errors import InputError
from synth.metrics.evaluate import evaluate


def _frame(seed: int, rows: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "age": rng.integers(18, 80, size=rows),
            "score": rng.normal(50, 10, size=rows).round(2),
            "sex": rng.choice(["F", "M"], size=rows),
            "outcome": rng.choice(["yes", "no"], size=rows, p=[0.3, 0.7]),
        }
    )


@pytest.fixture()
def files(tmp_path):
    paths = {}
    for name, seed in (("real", 0), ("synthetic", 1), ("holdout", 2)):
        paths[name] = tmp_path / f"{name}.csv"
        _frame(seed).to_csv(paths[name], index=False)
    return paths


def _cli(argv):
    return run_cli("synth", ("evaluate",), package="synth.commands", argv=["evaluate", *argv])


def test_json_and_html_outputs(files, tmp_path, capsys):
    out, page = tmp_path / "result.json", tmp_path / "report.html"
    code = _cli(
        [
            "--real",
            str(files["real"]),
            "--synthetic",
            str(files["synthetic"]),
            "--holdout",
            str(files["holdout"]),
            "--protected",
            "sex",
            "--label",
            "outcome",
            "--positive-class",
            "yes",
            "--purpose",
            "privacy",
            "--json",
            str(out),
            "--html",
            str(page),
        ]
    )
    result = json.loads(out.read_text())
    assert code in (0, 1) and code == (1 if any(g["status"] == "fail" for g in result["gates"]) else 0)
    assert set(result["fidelity"]["column_shapes"]) == {"age", "score", "sex", "outcome"}
    assert result["privacy"]["exact_match_rate"] == 0.0
    assert 0 <= result["privacy"]["dcr"]["closer_to_training_share"] <= 1
    assert {"singling_out", "linkability", "inference"} <= set(result["privacy"]["risks"])
    assert result["utility"]["tstr"]["auc"] is not None
    assert (
        result["fairness"]["positive_class"] == "yes" and result["fairness"]["positive_class_rule"] == "given"
    )
    text = page.read_text()
    # self-contained and offline: charts are inline SVG, and nothing is fetched or scripted
    assert "<html" in text and "<svg" in text and "<script" not in text and "src=" not in text
    assert "fidelity overall" in capsys.readouterr().out


def test_json_to_stdout(files, capsys):
    assert (
        _cli(["--real", str(files["real"]), "--synthetic", str(files["real"]), "--json", "-", "--no-utility"])
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["fidelity"]["overall"] == 1.0 and result["privacy"]["exact_match_rate"] == 1.0
    assert result["privacy"]["dcr"] is None


def test_missing_column_is_named_and_exits_2(files, tmp_path, capsys):
    broken = tmp_path / "broken.csv"
    _frame(1).drop(columns=["score"]).to_csv(broken, index=False)
    assert _cli(["--real", str(files["real"]), "--synthetic", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "'score'" in err and len(err.strip().splitlines()) == 1


def test_type_mismatch_is_named_and_exits_2(files, tmp_path, capsys):
    broken = tmp_path / "broken.csv"
    frame = _frame(1)
    frame["age"] = frame["age"].astype(str)
    frame.loc[3, "age"] = "old"
    frame.to_csv(broken, index=False)
    assert _cli(["--real", str(files["real"]), "--synthetic", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "'age'" in err and "numerical" in err


def test_unknown_protected_column_and_missing_file_exit_2(files, capsys):
    assert (
        _cli(["--real", str(files["real"]), "--synthetic", str(files["synthetic"]), "--protected", "nope"])
        == 2
    )
    assert "'nope'" in capsys.readouterr().err
    assert _cli(["--real", str(files["real"]) + ".missing", "--synthetic", str(files["synthetic"])]) == 2


def test_progress_is_reported_and_result_is_strict_json():
    calls = []
    result = evaluate(
        _frame(0),
        _frame(1),
        _frame(2),
        protected=["sex"],
        label="outcome",
        purpose="bias",
        bias_target={"sex": {"F": 0.5, "M": 0.5}},
        progress=lambda f, m: calls.append((f, m)),
    )
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(calls) >= 5
    json.dumps(result, allow_nan=False)
    assert {g["name"] for g in result["gates"]} >= {"parity_gap", "utility_ratio"}
    assert result["fairness"]["columns_differing_on_purpose"] == ["sex"]
    assert result["timing_s"]["total"] > 0


def test_evaluate_raises_input_error_listing_every_problem():
    synthetic = _frame(1).drop(columns=["age", "sex"])
    with pytest.raises(InputError) as caught:
        evaluate(_frame(0), synthetic)
    assert "'age'" in str(caught.value) and "'sex'" in str(caught.value)
