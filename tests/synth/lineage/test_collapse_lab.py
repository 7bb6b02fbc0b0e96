"""The one-call Gaussian lab wires simulation, theory and recommendation consistently."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.special import digamma

from synth.errors import InputError
from synth.lineage.collapse.lab import run_gaussian_lab


def test_lab_parts_agree_with_each_other():
    lab = run_gaussian_lab(samples=40, generations=20, runs=300, mode="replace", seed=2)
    c = digamma(39 / 2) + math.log(2 / 39)
    assert lab.limit.theory_rounds == math.floor(math.log(0.9) / c)
    assert lab.theory.generations == lab.simulation.generations == 20
    assert f"{lab.limit.theory_rounds} rounds" in lab.explanation
    assert set(lab.figures()) == {"drift", "variance", "tails", "wasserstein"}
    assert lab.summary().index[-1] == 20


def test_lab_to_dict_is_valid_json_with_theory_and_recommendation():
    data = json.loads(json.dumps(run_gaussian_lab(10, 4, 20, "accumulate", 0).to_dict(), allow_nan=False))
    assert len(data["median_var"]) == 5 and data["theory"]["median_var"] is None
    np.testing.assert_allclose(data["theory"]["mean_sq_drift"][1], 1 / 10)
    assert data["recommendation"]["mode"] == "accumulate"


def test_lab_rejects_bad_arguments():
    with pytest.raises(InputError):
        run_gaussian_lab(samples=1)
