"""Tests for synth.preference.features: closed-form standardisation and hand-built indicator cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.preference.features import UNSEEN_COMBINATION, RowFeatures


@pytest.fixture()
def real() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 300
    colour = rng.choice(["red", "blue"], n)
    return pd.DataFrame(
        {
            "x": rng.normal(10, 3, n),
            "y": np.where(rng.random(n) < 0.1, np.nan, rng.exponential(2, n)),
            "colour": colour,
            "size": np.where(colour == "red", "small", "large"),
        }
    )


def test_names_match_columns_and_numerics_are_standardised(real):
    enc = RowFeatures.fit(real)
    X = enc.transform(real)
    assert X.shape == (len(real), len(enc.feature_names))
    x = X[:, enc.feature_names.index("x")]
    np.testing.assert_allclose(x, (real["x"] - real["x"].mean()) / real["x"].std(ddof=0))
    y = real["y"].fillna(real["y"].median())
    np.testing.assert_allclose(X[:, enc.feature_names.index("y")], (y - y.mean()) / y.std(ddof=0))
    np.testing.assert_array_equal(X[:, enc.feature_names.index("y missing")], real["y"].isna())
    onehot = X[:, [enc.feature_names.index("colour_red"), enc.feature_names.index("colour_blue")]]
    np.testing.assert_array_equal(onehot[:, 0], real["colour"] == "red")
    assert (onehot.sum(axis=1) == 1).all()


def test_indicators_for_implausible_rows(real):
    enc = RowFeatures.fit(real)
    synth = pd.DataFrame(
        {
            "x": [10.0, real["x"].max() + 5],
            "y": [1.0, 1.0],
            "colour": ["red", "purple"],
            "size": ["large", "large"],
        }
    )
    X = enc.transform(synth)
    col = enc.feature_names.index
    assert X[:, col("x outside real range")].tolist() == [0.0, 1.0]
    assert X[:, col("colour rare or unseen value")].tolist() == [0.0, 1.0]
    # red + large never occurs in real data; purple is unseen as a value, not as a pair.
    assert X[:, col(UNSEEN_COMBINATION)].tolist() == [1.0, 0.0]
    # x = 10 sits near the real median, so its extremeness is small; the outlier's is 1.
    assert X[0, col("x extremeness")] < 0.2 and X[1, col("x extremeness")] == 1.0


def test_transform_requires_the_real_columns(real):
    enc = RowFeatures.fit(real)
    with pytest.raises(InputError, match="columns"):
        enc.transform(real.drop(columns=["colour"]))
