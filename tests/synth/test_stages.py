"""Training-stage labels."""

from __future__ import annotations

import pytest

from synth.errors import InputError
from synth.stages import DEFAULT_STAGES, policy_from_dict, stage_policy


def test_pretraining_is_off_by_default():
    policy = stage_policy()
    assert policy.allowed == DEFAULT_STAGES == ("fine-tuning", "evaluation", "testing")
    assert not policy.allows_pretraining


def test_pretraining_needs_a_justification():
    with pytest.raises(InputError, match="justification"):
        stage_policy(["pre-training"])
    with pytest.raises(InputError, match="justification"):
        stage_policy(["testing", "pre-training"], pretraining_justification="   ")
    policy = stage_policy(["pre-training", "testing"], pretraining_justification="tokeniser warm-up only")
    assert policy.allowed == ("testing", "pre-training")
    assert policy.pretraining_justification == "tokeniser warm-up only"


def test_unknown_stage_and_round_trip():
    with pytest.raises(InputError, match="unknown training stage"):
        stage_policy(["deployment"])
    policy = stage_policy(["evaluation"])
    assert policy_from_dict(policy.to_dict()) == policy
