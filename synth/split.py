"""Train/holdout split: the generator learns from ``train`` only; ``holdout`` stays real and unseen."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sklearn.model_selection import train_test_split

from synth.errors import InputError

DEFAULT_HOLDOUT_FRACTION = 0.2


@dataclass(frozen=True)
class TrainHoldout:
    """The two disjoint parts of a real table (original index kept)."""

    train: pd.DataFrame
    holdout: pd.DataFrame


def split_train_holdout(
    frame: pd.DataFrame,
    *,
    seed: int,
    fraction: float = DEFAULT_HOLDOUT_FRACTION,
    label: str | None = None,
) -> TrainHoldout:
    """Split ``frame`` into train and holdout, seeded, stratified by ``label`` when given.

    Raises:
        InputError: fraction outside (0, 1), unknown label, or too few rows to stratify.
    """
    problems = []
    if not 0.0 < fraction < 1.0:
        problems.append(f"holdout fraction must be between 0 and 1 (exclusive), got {fraction}")
    if label is not None and label not in frame.columns:
        problems.append(f"label column {label!r} is not in the table; pick one of {list(frame.columns)}")
    if len(frame) < 2:
        problems.append(f"the table has {len(frame)} row(s); at least 2 are needed to keep a holdout")
    if problems:
        raise InputError(problems)
    # Missing labels form their own stratum rather than breaking the split.
    strata = None if label is None else frame[label].astype("string").fillna("<missing>").to_numpy()
    try:
        train, holdout = train_test_split(frame, test_size=fraction, random_state=seed, stratify=strata)
    except ValueError as exc:
        raise InputError(
            f"cannot split {len(frame)} rows with holdout fraction {fraction}"
            + (f" stratified by {label!r}" if label else "")
            + f" ({exc}); use more rows, another fraction, or no label"
        ) from exc
    return TrainHoldout(train=train, holdout=holdout)
