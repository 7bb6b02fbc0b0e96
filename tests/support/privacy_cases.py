"""Constructed synthetic tables with known privacy answers, built from UCI Adult.

* ``fresh``: real rows the generator never saw (disjoint from training and holdout): a
  perfect generator;
* ``shuffled_copy``: the training table in a new row order;
* ``near_copy``: every training row with small numeric jitter (1% of each column's spread);
* ``leaky``: 30% training rows, 70% fresh real rows;
* ``column_shuffled``: every column of the training table permuted on its own (marginals
  kept, relations between columns broken).

At 20k/5k the rows are Adult's own (train + test files, 48,842 rows). Adult is too small for
100k/25k, so there every table is drawn from one Adult-shaped population: Adult rows drawn
with replacement and three numeric columns given continuous noise, so training, holdout and
fresh rows are independent draws of one distribution.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TYPES = {
    "age": "numerical",
    "workclass": "categorical",
    "fnlwgt": "numerical",
    "education": "categorical",
    "education-num": "numerical",
    "marital-status": "categorical",
    "occupation": "categorical",
    "relationship": "categorical",
    "race": "categorical",
    "sex": "categorical",
    "capital-gain": "numerical",
    "capital-loss": "numerical",
    "hours-per-week": "numerical",
    "native-country": "categorical",
    "income": "categorical",
}
LABEL = "income"


def adult(datasets_dir: Path) -> pd.DataFrame:
    """Adult's training and test files as one table (the test file's labels lose their dot)."""
    frames = [
        pd.read_csv(datasets_dir / name, na_values="?", skipinitialspace=True)
        for name in ("adult.csv", "adult_test.csv")
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["income"] = frame["income"].str.rstrip(".")
    return frame


def real_tables(datasets_dir: Path, train_rows: int, holdout_rows: int, fresh_rows: int, seed: int = 0):
    """Disjoint training, holdout and fresh tables: Adult rows at 20k/5k, an Adult-shaped population above."""
    source = adult(datasets_dir)
    rng = np.random.default_rng(seed)
    total = train_rows + holdout_rows + fresh_rows
    if total <= len(source):
        rows = source.iloc[rng.permutation(len(source))[:total]].reset_index(drop=True)
    else:
        rows = source.iloc[rng.integers(0, len(source), size=total)].reset_index(drop=True)
        # Continuous noise, far wider than the near-copy's jitter, so two draws of one Adult row
        # are neighbours but not near-copies of each other.
        rows["age"] = rows["age"] + rng.normal(0.0, 2.0, size=total)
        rows["hours-per-week"] = rows["hours-per-week"] + rng.normal(0.0, 2.0, size=total)
        rows["fnlwgt"] = rows["fnlwgt"] * np.exp(rng.normal(0.0, 0.1, size=total))
    train = rows.iloc[:train_rows].reset_index(drop=True)
    holdout = rows.iloc[train_rows : train_rows + holdout_rows].reset_index(drop=True)
    fresh = rows.iloc[train_rows + holdout_rows :].reset_index(drop=True)
    return train, holdout, fresh


def shuffled_copy(train: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    return train.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def near_copy(train: pd.DataFrame, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    out = shuffled_copy(train, seed)
    for column, column_type in TYPES.items():
        if column_type == "numerical":
            spread = out[column].std()
            out[column] = out[column] + rng.normal(0.0, 0.01 * spread, size=len(out))
    return out


def leaky(train: pd.DataFrame, fresh: pd.DataFrame, share: float = 0.3, seed: int = 3) -> pd.DataFrame:
    copies = int(round(len(fresh) * share / (1.0 - share)))
    rows = pd.concat([train.sample(n=copies, random_state=seed), fresh], ignore_index=True)
    return rows.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def column_shuffled(train: pd.DataFrame, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({c: train[c].to_numpy()[rng.permutation(len(train))] for c in train.columns})
