"""Datasets of different purposes are kept apart: never merged, never exported together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from synth.errors import PurposeError
from synth.i18n import N_, Msg, joined, word

PURPOSE_COLUMN = "purpose"


@dataclass(frozen=True)
class PurposeDataset:
    """A synthetic frame labelled with the one purpose it was made for."""

    purpose: str
    frame: pd.DataFrame


def check_single_purpose(datasets: Sequence[PurposeDataset]) -> str:
    """Return the one purpose shared by ``datasets``.

    Raises:
        PurposeError: the datasets have different purposes (or there are none).
    """
    purposes = sorted({d.purpose for d in datasets})
    if not purposes:
        raise PurposeError(N_("no dataset given; choose at least one dataset to combine or export"))
    if len(purposes) > 1:
        raise PurposeError(
            Msg(
                "datasets of different purposes ({purposes}) cannot be combined or exported "
                "together; each purpose's dataset stays separate, so handle them one purpose at a time",
                purposes=joined(word(p) for p in purposes),
            )
        )
    return purposes[0]


def combine_datasets(datasets: Sequence[PurposeDataset]) -> PurposeDataset:
    """Concatenate datasets that all share one purpose; refuse mixed purposes (``PurposeError``)."""
    purpose = check_single_purpose(datasets)
    return PurposeDataset(purpose, pd.concat([d.frame for d in datasets], ignore_index=True))
