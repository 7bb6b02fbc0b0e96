"""The SDV-backed generators: seeding, conditions, per-epoch progress and cancelling."""

from __future__ import annotations

import pandas as pd
import pytest
from sklego.datasets import load_arrests

from synth.generators import DEEP_GENERATORS, make_generator
from synth.generators.sdv_models import table_metadata


@pytest.fixture(scope="module")
def adult(adult_path) -> pd.DataFrame:
    return pd.read_csv(adult_path, na_values="?").sample(2000, random_state=0).reset_index(drop=True)


@pytest.fixture(scope="module")
def arrests() -> pd.DataFrame:
    return load_arrests(as_frame=True).sample(2000, random_state=0).reset_index(drop=True)


def test_metadata_keeps_sdtypes_only(adult):
    columns = table_metadata(adult).to_dict()["tables"]["table"]["columns"]
    assert set(columns) == set(adult.columns)
    assert all(set(info) <= {"sdtype", "datetime_format"} for info in columns.values())
    assert columns["age"]["sdtype"] == "numerical" and columns["sex"]["sdtype"] == "categorical"


@pytest.mark.parametrize("table", ["adult", "arrests"])
def test_gaussian_copula_is_seeded_byte_for_byte(table, request):
    real = request.getfixturevalue(table)
    outputs = []
    for seed in (11, 11, 12):
        gen = make_generator("gaussian_copula", seed=seed)
        gen.fit(real)
        outputs.append(gen.sample(400).to_csv(index=False))
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
    assert pd.read_csv(pd.io.common.StringIO(outputs[0])).shape == (400, real.shape[1])


def test_gaussian_copula_honours_conditions(adult):
    gen = make_generator("gaussian_copula", seed=1)
    gen.fit(adult)
    conditions = pd.DataFrame({"sex": ["Female"] * 120 + ["Male"] * 80})
    synthetic = gen.sample(200, conditions=conditions)
    assert synthetic["sex"].value_counts().to_dict() == {"Female": 120, "Male": 80}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", DEEP_GENERATORS)
@pytest.mark.parametrize("table", ["adult", "arrests"])
def test_deep_generators_report_each_epoch_and_sample(name, table, request):
    real = request.getfixturevalue(table).iloc[:300]
    seen = []
    gen = make_generator(name, seed=1, epochs=2, batch_size=100)
    gen.fit(real, progress=lambda fraction, message: seen.append((fraction, message)))
    epochs = [m for _, m in seen if "epoch" in m]
    assert epochs == [f"{name}: epoch 1/2", f"{name}: epoch 2/2"]
    assert [f for f, m in seen if "epoch" in m] == [0.5, 1.0]
    conditions = pd.DataFrame({"sex": ["Female"] * 20 + ["Male"] * 20})
    synthetic = gen.sample(40, conditions=conditions)
    assert list(synthetic.columns) == list(real.columns)
    assert (synthetic["sex"].to_numpy() == conditions["sex"].to_numpy()).all()


class Cancelled(Exception):
    pass


def test_a_raising_progress_callback_cancels_the_fit(arrests):
    def cancel(fraction, message):
        if "epoch 1/" in message:
            raise Cancelled

    gen = make_generator("tvae", seed=1, epochs=5, batch_size=100)
    with pytest.raises(Cancelled):
        gen.fit(arrests.iloc[:200], progress=cancel)
