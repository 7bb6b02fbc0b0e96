"""What each purpose asks for, validated against the training table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from synth.errors import InputError

PURPOSES = ("privacy", "bias", "augmentation")
BIAS_TARGETS = ("equal_groups", "parity", "custom")


@dataclass(frozen=True)
class PrivacySpec:
    """Keep the real distribution."""

    purpose: str = field(default="privacy", init=False)


@dataclass(frozen=True)
class BiasSpec:
    """Move protected-group shares (and label rates) to a target.

    Attributes:
        protected: protected attribute columns; groups are their observed value combinations.
        target: ``equal_groups`` (same share per group), ``parity`` (the overall label rate in
            every group, group shares as observed) or ``custom`` (``shares`` per group).
        label: outcome column; needed for ``parity``; otherwise each group keeps its own rates.
        shares: for ``custom``: group -> share (a value, or a tuple of values for several
            protected columns), summing to 1.
    """

    protected: tuple[str, ...]
    target: str = "equal_groups"
    label: str | None = None
    shares: Mapping | None = None
    purpose: str = field(default="bias", init=False)


@dataclass(frozen=True)
class AugmentationSpec:
    """Raise the rare values of ``column`` (a category or the label) to ``target_share`` each.

    ``target_share`` defaults to 1/K for K observed values, which balances the column.
    """

    column: str
    target_share: float | None = None
    purpose: str = field(default="augmentation", init=False)


PurposeSpec = PrivacySpec | BiasSpec | AugmentationSpec


def validate_spec(spec: PurposeSpec, train: pd.DataFrame) -> None:
    """Collect every problem with ``spec`` for this table and raise once.

    Raises:
        InputError: listing each problem and how to fix it.
    """
    problems: list[str] = []
    columns = list(train.columns)
    if isinstance(spec, BiasSpec):
        if not spec.protected:
            problems.append("bias correction needs at least one protected attribute (e.g. --protected sex)")
        problems += [f"protected attribute {c!r} is not a column; pick from {columns}" for c in spec.protected
                     if c not in columns]
        if spec.target not in BIAS_TARGETS:
            problems.append(f"unknown bias target {spec.target!r}; choose one of {', '.join(BIAS_TARGETS)}")
        if spec.target == "parity" and spec.label is None:
            problems.append("the parity target equalises label rates, so it needs a label column (--label)")
        if spec.label is not None and spec.label not in columns:
            problems.append(f"label column {spec.label!r} is not a column; pick from {columns}")
        if spec.label is not None and spec.label in spec.protected:
            problems.append(f"{spec.label!r} cannot be both the label and a protected attribute")
        if spec.target == "custom" and not spec.shares:
            problems.append("the custom target needs a shares mapping, group -> share")
    elif isinstance(spec, AugmentationSpec):
        if spec.column not in columns:
            problems.append(f"augmentation column {spec.column!r} is not a column; pick from {columns}")
        if spec.target_share is not None and not 0.0 < spec.target_share < 1.0:
            problems.append(f"augmentation target share must be between 0 and 1, got {spec.target_share}")
    elif not isinstance(spec, PrivacySpec):
        problems.append(f"unknown purpose {spec!r}; choose one of {', '.join(PURPOSES)}")
    if problems:
        raise InputError(problems)
