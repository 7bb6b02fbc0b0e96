"""What each purpose asks for, validated against the training table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg, joined, word

PURPOSES = ("privacy", "bias", "augmentation")
# Targets are identifiers; pages show them translated (hence N_).
BIAS_TARGETS = (N_("equal_groups"), N_("parity"), N_("custom"))


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
            problems.append(
                N_("bias correction needs at least one protected attribute (e.g. --protected sex)")
            )
        problems += [
            Msg(
                "protected attribute {column} is not a column; pick from {columns}",
                column=repr(c),
                columns=str(columns),
            )
            for c in spec.protected
            if c not in columns
        ]
        if spec.target not in BIAS_TARGETS:
            problems.append(
                Msg(
                    "unknown bias target {target}; choose one of {choices}",
                    target=repr(spec.target),
                    choices=", ".join(BIAS_TARGETS),
                )
            )
        if spec.target == "parity" and spec.label is None:
            problems.append(
                N_("the parity target equalises label rates, so it needs a label column (--label)")
            )
        if spec.label is not None and spec.label not in columns:
            problems.append(
                Msg(
                    "label column {column} is not a column; pick from {columns}",
                    column=repr(spec.label),
                    columns=str(columns),
                )
            )
        if spec.label is not None and spec.label in spec.protected:
            problems.append(
                Msg("{column} cannot be both the label and a protected attribute", column=repr(spec.label))
            )
        if spec.target == "custom" and not spec.shares:
            problems.append(N_("the custom target needs a shares mapping, group -> share"))
    elif isinstance(spec, AugmentationSpec):
        if spec.column not in columns:
            problems.append(
                Msg(
                    "augmentation column {column} is not a column; pick from {columns}",
                    column=repr(spec.column),
                    columns=str(columns),
                )
            )
        if spec.target_share is not None and not 0.0 < spec.target_share < 1.0:
            problems.append(
                Msg("augmentation target share must be between 0 and 1, got {share}", share=spec.target_share)
            )
    elif not isinstance(spec, PrivacySpec):
        problems.append(
            Msg(
                "unknown purpose {purpose}; choose one of {choices}",
                purpose=repr(spec),
                choices=joined(word(p) for p in PURPOSES),
            )
        )
    if problems:
        raise InputError(problems)
