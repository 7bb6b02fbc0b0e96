"""Purposes (norm 1): privacy keeps the distribution, bias moves it to a target, augmentation
fills in rare cases; datasets of different purposes stay apart."""

from synth.purposes.isolation import PurposeDataset, check_single_purpose, combine_datasets
from synth.purposes.sampling import PurposeSample, sample_for_purpose
from synth.purposes.specs import (
    BIAS_TARGETS,
    PURPOSES,
    AugmentationSpec,
    BiasSpec,
    PrivacySpec,
    PurposeSpec,
    validate_spec,
)
from synth.purposes.targets import (
    TOLERANCE,
    TargetReport,
    TargetRow,
    allocate,
    cell_shares,
    conditions_for,
    target_report,
)

__all__ = [
    "BIAS_TARGETS",
    "PURPOSES",
    "TOLERANCE",
    "AugmentationSpec",
    "BiasSpec",
    "PrivacySpec",
    "PurposeDataset",
    "PurposeSample",
    "PurposeSpec",
    "TargetReport",
    "TargetRow",
    "allocate",
    "cell_shares",
    "check_single_purpose",
    "combine_datasets",
    "conditions_for",
    "sample_for_purpose",
    "target_report",
    "validate_spec",
]
