"""Training-stage labels (norm 4): which stages of model training a dataset may feed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from synth.errors import InputError
from synth.i18n import N_, Msg, joined, word

STAGES = ("fine-tuning", "evaluation", "testing", "pre-training")
DEFAULT_STAGES = ("fine-tuning", "evaluation", "testing")
PRETRAINING = "pre-training"


@dataclass(frozen=True)
class StagePolicy:
    """Allowed stages; ``pretraining_justification`` is set exactly when pre-training is allowed."""

    allowed: tuple[str, ...] = DEFAULT_STAGES
    pretraining_justification: str | None = None

    @property
    def allows_pretraining(self) -> bool:
        return PRETRAINING in self.allowed

    def to_dict(self) -> dict:
        return {
            "allowed_stages": list(self.allowed),
            "pretraining_justification": self.pretraining_justification,
        }


def stage_policy(
    stages: Iterable[str] | None = None, *, pretraining_justification: str | None = None
) -> StagePolicy:
    """Validate a choice of stages; pre-training needs a non-empty justification.

    Raises:
        InputError: unknown or no stage, or pre-training without a justification.
    """
    chosen = tuple(dict.fromkeys(DEFAULT_STAGES if stages is None else stages))
    stages_named = joined(word(s) for s in STAGES)
    problems = [
        Msg("unknown training stage {stage}; choose from {stages}", stage=repr(s), stages=stages_named)
        for s in chosen
        if s not in STAGES
    ]
    if not chosen:
        problems.append(Msg("choose at least one training stage from {stages}", stages=stages_named))
    justification = (pretraining_justification or "").strip() or None
    if PRETRAINING in chosen and justification is None:
        problems.append(N_("pre-training is excluded by default; allowing it needs a written justification"))
    if problems:
        raise InputError(problems)
    ordered = tuple(s for s in STAGES if s in chosen)
    return StagePolicy(
        allowed=ordered, pretraining_justification=justification if PRETRAINING in chosen else None
    )


def policy_from_dict(data: dict) -> StagePolicy:
    """Rebuild (and re-validate) a policy from ``StagePolicy.to_dict`` output."""
    return stage_policy(
        data.get("allowed_stages"), pretraining_justification=data.get("pretraining_justification")
    )
