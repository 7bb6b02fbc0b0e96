"""How many rounds of synthetic-on-synthetic training to allow, and why, in plain words.

The limit is the largest generation whose median variance keeps at least ``1 - max_loss`` of
the real variance: in theory the largest g with exp(g c) >= 1 - max_loss (about 0.1 M for a
10% loss), and empirically the last generation before the simulated median first drops
below that level.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from synth.errors import InputError
from synth.i18n import N_, Msg
from synth.lineage.collapse.gaussian import GaussianCollapse
from synth.lineage.collapse.theory import log_var_drift

DEFAULT_MAX_VARIANCE_LOSS = 0.10


@dataclass(frozen=True)
class RoundLimit:
    """A recommended maximum number of synthetic-on-synthetic rounds.

    Attributes:
        samples: M, the rows each round trains on.
        max_variance_loss: the tolerated loss of the median variance (0.10 = 10%).
        theory_rounds: largest g with exp(g c) >= 1 - max_variance_loss (``replace``).
        empirical_rounds: the same read off a simulation, or ``None`` without one.
        empirical_censored: True when the simulated median never fell below the threshold,
            so the empirical limit is at least ``empirical_rounds`` (the simulated horizon).
        mode: the simulation's mode, or ``None`` without one.
    """

    samples: int
    max_variance_loss: float
    theory_rounds: int
    empirical_rounds: int | None = None
    empirical_censored: bool = False
    mode: str | None = None

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def theory_round_limit(samples: int, max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS) -> int:
    """Largest g with exp(g c) >= 1 - max_variance_loss, c = log_var_drift(samples)."""
    _check(samples, max_variance_loss)
    # A relative epsilon keeps an exact boundary (ratio 10.0) from flooring to 9.
    return int(math.floor(math.log(1 - max_variance_loss) / log_var_drift(samples) * (1 + 1e-12)))


def empirical_round_limit(
    simulated: GaussianCollapse, max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS
) -> tuple[int, bool]:
    """Last generation before the simulated median variance first drops below the threshold.

    Returns:
        (rounds, censored): censored is True when it never dropped within the simulation.
    """
    _check(simulated.samples, max_variance_loss)
    below = np.flatnonzero(simulated.median_var < 1 - max_variance_loss)
    if below.size == 0:
        return simulated.generations, True
    return int(below[0]) - 1, False


def recommend_round_limit(
    samples: int,
    simulated: GaussianCollapse | None = None,
    max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS,
) -> RoundLimit:
    """Theoretical and, given a simulation with the same M, empirical round limits."""
    theory = theory_round_limit(samples, max_variance_loss)
    if simulated is None:
        return RoundLimit(samples, max_variance_loss, theory)
    if simulated.samples != samples:
        raise InputError(
            Msg(
                "the simulation used {used} samples per round but the limit was asked for "
                "{samples}; pass the same number",
                used=simulated.samples,
                samples=samples,
            )
        )
    rounds, censored = empirical_round_limit(simulated, max_variance_loss)
    return RoundLimit(samples, max_variance_loss, theory, rounds, censored, simulated.mode)


def _check(samples: int, max_variance_loss: float) -> None:
    problems = []
    if samples < 2:
        problems.append(Msg("samples per round is {samples}; use at least 2", samples=samples))
    if not 0 < max_variance_loss < 1:
        problems.append(
            Msg(
                "the tolerated variance loss is {loss}; use a fraction between 0 and 1, e.g. 0.1",
                loss=max_variance_loss,
            )
        )
    if problems:
        raise InputError(problems)


# All user-facing wording of the Collapse Lab's advice lives here.
_EXPLANATION = N_(
    "Each time a model learns from synthetic data made by the model before it, a little of "
    "the real data's spread is lost, and the losses add up. Rare and extreme values go first, "
    "then the middle drifts. With {samples} rows per round, a simple model keeps at least "
    "{kept:.0%} of the real spread for about {theory} rounds in theory{empirical}. "
    "Keeping the real data and adding new synthetic data to it, instead of replacing it, "
    "stops most of the loss. That is why data made from synthetic data is allowed only a few "
    "rounds deep, unless an officer records a reason."
)
_EMPIRICAL = {
    (False, "replace"): N_("; the simulation gives {rounds} rounds"),
    (True, "replace"): N_("; the simulation stayed above it for all {rounds} rounds it ran"),
    (False, "accumulate"): N_("; with real data kept, the simulation held it for {rounds} rounds"),
    (True, "accumulate"): N_("; with real data kept, the simulation held it for all {rounds} rounds it ran"),
}


def explain_round_limit(limit: RoundLimit) -> Msg:
    """A short plain-language explanation of the limit, for the page and the CLI.

    A :class:`~synth.i18n.Msg`: English as a str, translated by the page.
    """
    empirical = ""
    if limit.empirical_rounds is not None:
        template = _EMPIRICAL[(limit.empirical_censored, limit.mode or "replace")]
        empirical = Msg(template, rounds=limit.empirical_rounds)
    return Msg(
        _EXPLANATION,
        samples=limit.samples,
        kept=1 - limit.max_variance_loss,
        theory=limit.theory_rounds,
        empirical=empirical,
    )
