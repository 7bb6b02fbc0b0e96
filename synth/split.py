"""Train/holdout split: the generator learns from ``train`` only; ``holdout`` stays real and unseen."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import Msg

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
        problems.append(
            Msg("holdout fraction must be between 0 and 1 (exclusive), got {fraction}", fraction=fraction)
        )
    if label is not None and label not in frame.columns:
        problems.append(
            Msg(
                "label column {column} is not in the table; pick one of {columns}",
                column=repr(label),
                columns=str(list(frame.columns)),
            )
        )
    if len(frame) < 2:
        problems.append(
            Msg("the table has {n} row(s); at least 2 are needed to keep a holdout", n=len(frame))
        )
    if problems:
        raise InputError(problems)
    n_holdout = math.ceil(fraction * len(frame))
    if label is None and 0 < n_holdout < len(frame):
        # What sklearn's train_test_split does without strata (one seeded permutation, the
        # holdout first), without importing sklearn: a test checks both give the same rows.
        order = np.random.RandomState(seed).permutation(len(frame))
        return TrainHoldout(frame.iloc[order[n_holdout:]], frame.iloc[order[:n_holdout]])
    # Missing labels form their own stratum rather than breaking the split.
    strata = None if label is None else frame[label].astype("string").fillna("<missing>").to_numpy()
    from sklearn.model_selection import train_test_split  # here: sklearn takes seconds to import

    try:
        train, holdout = train_test_split(frame, test_size=fraction, random_state=seed, stratify=strata)
    except ValueError as exc:
        if label:
            problem = Msg(
                "cannot split {n} rows with holdout fraction {fraction} stratified by {label} ({error}); "
                "use more rows, another fraction, or no label",
                n=len(frame),
                fraction=fraction,
                label=repr(label),
                error=str(exc),
            )
        else:
            problem = Msg(
                "cannot split {n} rows with holdout fraction {fraction} ({error}); "
                "use more rows, another fraction, or no label",
                n=len(frame),
                fraction=fraction,
                error=str(exc),
            )
        raise InputError(problem) from exc
    return TrainHoldout(train=train, holdout=holdout)
