"""Deep generators say what they do before their first epoch: SDV's preprocessing, each column
ctgan's transformer models, and the encoding of the rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from ctgan.data_transformer import DataTransformer
from sklego.datasets import load_arrests

from synth.generators import DEEP_GENERATORS, make_generator
from synth.generators.epoch_hooks import ReportingDataTransformer


@pytest.fixture(scope="module")
def arrests() -> pd.DataFrame:
    return load_arrests(as_frame=True).sample(120, random_state=0).reset_index(drop=True)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", DEEP_GENERATORS)
def test_preprocessing_is_reported_before_the_first_epoch(name, arrests):
    seen: list[tuple[float, str]] = []
    gen = make_generator(name, seed=1, epochs=1, batch_size=60)
    gen.fit(arrests, progress=lambda fraction, message: seen.append((fraction, str(message))))
    messages = [m for _, m in seen]
    first_epoch = messages.index(f"{name}: epoch 1/1")
    before = messages[:first_epoch]
    assert f"{name}: preparing the columns" in before
    total = arrests.shape[1]
    assert [m for m in before if ": modelling column " in m] == [
        f"{name}: modelling column {column} ({i}/{total})" for i, column in enumerate(arrests.columns, 1)
    ]
    assert before[-1] == f"{name}: encoding the training rows"
    if name == "copulagan":
        assert f"{name}: fitting each numerical column's distribution" in before
    assert all(fraction == 0.0 for fraction, _ in seen[:first_epoch])


def test_encoding_in_process_equals_ctgans_parallel_encoding():
    rng = np.random.default_rng(0)
    rows = 600  # ctgan encodes this many rows in a joblib pool
    frame = pd.DataFrame(
        {
            "amount": np.concatenate([rng.normal(100, 5, rows // 2), rng.normal(900, 50, rows // 2)]),
            "age": rng.integers(18, 90, rows).astype(float),
            "colour": rng.choice(["red", "green", "blue"], rows),
        }
    )
    transformer = DataTransformer()
    transformer.fit(frame, discrete_columns=["colour"])
    theirs = transformer.transform(frame)
    transformer.__class__ = ReportingDataTransformer
    ours = transformer.transform(frame)
    assert ours.shape == theirs.shape == (rows, transformer.output_dimensions)
    np.testing.assert_array_equal(ours, theirs)
