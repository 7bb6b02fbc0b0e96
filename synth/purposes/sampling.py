"""Sample from a fitted generator so that a purpose's targets are met."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import GenerationError
from synth.generators.base import Generator
from synth.i18n import Msg, word
from synth.purposes.specs import PurposeSpec, validate_spec
from synth.purposes.targets import TargetReport, conditions_for, target_report


@dataclass(frozen=True)
class PurposeSample:
    """Synthetic rows for one purpose and how close they came to its targets."""

    purpose: str
    frame: pd.DataFrame
    report: TargetReport


def sample_for_purpose(
    generator: Generator, spec: PurposeSpec, train: pd.DataFrame, n: int, *, seed: int
) -> PurposeSample:
    """Sample ``n`` rows from a fitted ``generator`` for ``spec`` (conditioned per target cell).

    Rows are shuffled (seeded) so cells are not in blocks.

    Raises:
        InputError: the spec does not fit the table.
        GenerationError: a target was missed by more than the tolerance (2 points).
    """
    validate_spec(spec, train)
    conditions = conditions_for(spec, train, n)
    frame = generator.sample(n, conditions=conditions)
    if conditions is not None:
        order = np.random.default_rng(seed).permutation(len(frame))
        frame = frame.iloc[order].reset_index(drop=True)
    report = target_report(spec, train, frame)
    if not report.within_tolerance:
        worst = max((r for r in report.rows if not r.within(report.tolerance)), key=lambda r: r.gap)
        raise GenerationError(
            Msg(
                "{purpose} target missed: {kind} of {group} is {achieved:.3f}, "
                "wanted {target:.3f}; try more rows or the rules or gaussian_copula generator",
                purpose=word(spec.purpose),
                kind=word(worst.kind),
                group=worst.group,
                achieved=worst.achieved,
                target=worst.target,
            )
        )
    return PurposeSample(spec.purpose, frame, report)
