"""The ``rules`` generator and the registry (SDV ones are in test_generators_sdv.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklego.datasets import load_arrests

from synth.errors import GenerationError, InputError
from synth.generators import GENERATOR_NAMES, make_generator


@pytest.fixture(scope="module")
def adult(adult_path) -> pd.DataFrame:
    return pd.read_csv(adult_path, na_values="?").sample(2000, random_state=0).reset_index(drop=True)


@pytest.fixture(scope="module")
def arrests() -> pd.DataFrame:
    return load_arrests(as_frame=True)


def _exact_copies(synthetic: pd.DataFrame, real: pd.DataFrame) -> int:
    # Oracle: an inner join on every column finds rows present in both.
    return len(synthetic.merge(real.drop_duplicates(), how="inner", on=list(real.columns)))


def test_every_registered_name_makes_a_generator_and_an_unknown_name_lists_them():
    for name in GENERATOR_NAMES:
        generator = make_generator(name, seed=1)
        assert callable(generator.fit) and callable(generator.sample)
    with pytest.raises(InputError, match="choose one of") as refused:
        make_generator("gan", seed=1)
    assert all(name in str(refused.value) for name in GENERATOR_NAMES)
    with pytest.raises(InputError, match="epochs"):
        make_generator("ctgan", seed=1, epochs=0)


@pytest.mark.parametrize("table", ["adult", "arrests"])
def test_rules_keeps_schema_ranges_and_integers(table, request):
    real = request.getfixturevalue(table)
    gen = make_generator("rules", seed=3)
    gen.fit(real)
    synthetic = gen.sample(1500)
    assert list(synthetic.columns) == list(real.columns)
    assert synthetic.dtypes.equals(real.dtypes)
    assert len(synthetic) == 1500
    for column in real.select_dtypes("number"):
        assert synthetic[column].min() >= real[column].min()
        assert synthetic[column].max() <= real[column].max()
        assert (synthetic[column] == np.round(synthetic[column])).all()
    for column in real.select_dtypes("object"):
        assert set(synthetic[column].dropna()) <= set(real[column].dropna())


@pytest.mark.parametrize("table", ["adult", "arrests"])
def test_rules_makes_no_exact_copies(table, request):
    real = request.getfixturevalue(table)
    gen = make_generator("rules", seed=5)
    gen.fit(real)
    assert _exact_copies(gen.sample(len(real)), real) == 0


def test_rules_allows_copies_only_when_the_table_leaves_no_choice():
    real = pd.DataFrame({"colour": ["red", "blue"] * 50})
    gen = make_generator("rules", seed=1)
    gen.fit(real)
    synthetic = gen.sample(40)
    assert set(synthetic["colour"]) <= {"red", "blue"} and len(synthetic) == 40


def test_rules_same_seed_same_rows_other_seed_other_rows(adult):
    runs = []
    for seed in (7, 7, 8):
        gen = make_generator("rules", seed=seed)
        gen.fit(adult)
        runs.append(gen.sample(500).to_csv(index=False))
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_rules_conditions_one_row_per_sample(adult):
    gen = make_generator("rules", seed=2)
    gen.fit(adult)
    conditions = pd.DataFrame({"sex": ["Female", "Male", "Female"] * 100, "income": [">50K"] * 300})
    synthetic = gen.sample(300, conditions=conditions)
    assert (synthetic["sex"].to_numpy() == conditions["sex"].to_numpy()).all()
    assert (synthetic["income"] == ">50K").all()


def test_rules_condition_cell_absent_from_training_borrows_nearest_rows(arrests):
    gen = make_generator("rules", seed=2)
    gen.fit(arrests)
    conditions = pd.DataFrame({"sex": ["Female"] * 10, "year": [1990] * 10})  # no 1990 in the data
    synthetic = gen.sample(10, conditions=conditions)
    assert (synthetic["sex"] == "Female").all() and (synthetic["year"] == 1990).all()


def test_sample_errors_say_how_to_fix(adult):
    gen = make_generator("rules", seed=1)
    with pytest.raises(GenerationError, match="call fit"):
        gen.sample(3)
    gen.fit(adult)
    with pytest.raises(GenerationError, match="one conditions row per wanted sample"):
        gen.sample(3, conditions=pd.DataFrame({"sex": ["Male"]}))
    with pytest.raises(GenerationError, match="not in the training table"):
        gen.sample(1, conditions=pd.DataFrame({"planet": ["Mars"]}))


def test_rules_reports_progress(adult):
    seen = []
    gen = make_generator("rules", seed=1)
    gen.fit(adult, progress=lambda fraction, message: seen.append(fraction))
    assert seen[-1] == 1.0
