"""The privacy purpose's optional requirement of differential privacy, set by an admin.

When it is on, a generation that makes a privacy-purpose dataset must use a DP generator
(``synth.generators.dp_budget.DP_GENERATORS``) with ε at most ``max_epsilon``; anything else
is refused before it is queued, and again when the job runs. The sign-off checklist shows
whether a dataset meets the requirement in force.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reviews import queries
from reviews.errors import ReviewsError
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.generators.dp_budget import DP_GENERATORS, MAX_EPSILON, is_dp
from synth.i18n import Msg, joined

SETTING = "privacy_dp_requirement"
DEFAULT = {"required": False, "max_epsilon": 1.0}


@dataclass(frozen=True)
class DpRequirement:
    """Whether privacy datasets must be DP, and the largest ε allowed then."""

    required: bool
    max_epsilon: float

    def to_dict(self) -> dict:
        return {"required": self.required, "max_epsilon": self.max_epsilon}


def current_requirement(store: Store) -> DpRequirement:
    value = {**DEFAULT, **(queries.get_setting(store, SETTING) or {})}
    return DpRequirement(bool(value["required"]), float(value["max_epsilon"]))


def set_requirement(store: Store, actor: Actor, required: bool, max_epsilon: float) -> None:
    """Turn the requirement on or off and set its ε limit (admins)."""
    limit = float(max_epsilon)
    if math.isnan(limit) or not 0 < limit <= MAX_EPSILON:
        raise ReviewsError(
            Msg(
                "The largest epsilon allowed must be above 0 and at most {most:g}; 1.0 is a common choice.",
                most=MAX_EPSILON,
            )
        )
    store.set_setting(actor, SETTING, DpRequirement(bool(required), limit).to_dict())


def requirement_problems(
    requirement: DpRequirement, generator: str, epsilon: float | None, purposes: list[str]
) -> list[str]:
    """Why a generation breaks the requirement (empty when it meets it or none is in force)."""
    if not requirement.required or "privacy" not in purposes:
        return []
    if not is_dp(generator):
        return [
            Msg(
                "The privacy purpose requires a differentially private generator ({choices}) with epsilon at "
                "most {limit:g}; {name} gives no such guarantee. An admin sets this on Settings.",
                choices=joined(DP_GENERATORS),
                limit=requirement.max_epsilon,
                name=generator,
            )
        ]
    if epsilon is not None and float(epsilon) > requirement.max_epsilon:
        return [
            Msg(
                "The privacy purpose allows epsilon at most {limit:g}; {epsilon:g} was asked for. Lower "
                "epsilon, or ask an admin to change the limit on Settings.",
                limit=requirement.max_epsilon,
                epsilon=float(epsilon),
            )
        ]
    return []


def check_generation(store: Store, generator: str, epsilon: float | None, purposes: list[str]) -> None:
    """Refuse a generation that breaks the requirement in force.

    Raises:
        ReviewsError: naming the requirement and how to meet it.
    """
    problems = requirement_problems(current_requirement(store), generator, epsilon, purposes)
    if problems:
        raise ReviewsError(joined(problems, " "))


def guarantee_meets(requirement: DpRequirement, guarantee: dict | None) -> bool:
    """Whether a dataset's recorded guarantee meets the requirement's ε limit."""
    return guarantee is not None and float(guarantee["epsilon"]) <= requirement.max_epsilon
