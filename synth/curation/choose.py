"""Keep n of K x n candidate rows, one per block of K, by a Bradley–Terry choice on their utility.

Candidates come in n consecutive blocks of K (drawn from one fitted generator, so the kept rows
are no deeper in lineage than the candidates). In each block the kept row is

* ``softmax``: candidate i with probability e^{beta u_i} / sum_j e^{beta u_j}, the choice a
  Bradley–Terry (Plackett–Luce) chooser with utility u makes; sampled exactly by the Gumbel-max
  trick;
* ``best_of_k``: the candidate with the highest utility (ties: the first).

Candidates marked ineligible (flagged by reviewers, or rejected by the acceptance rules) are never
kept; a block with no eligible candidate keeps nothing and is counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synth.curation.modes import CURATION_MODES
from synth.errors import InputError
from synth.i18n import Msg


@dataclass(frozen=True)
class CurationChoice:
    """Positions of the kept candidates and what could not be kept.

    Attributes:
        kept: positions (into the candidates) of the kept rows, one per block that had an
            eligible candidate, in block order.
        blocks: n, the number of blocks of K.
        empty_blocks: blocks whose candidates were all ineligible.
        ineligible: candidates that could not be kept.
    """

    kept: np.ndarray
    blocks: int
    empty_blocks: int
    ineligible: int


def validate_choice(n_candidates: int, k: int, beta: float, mode: str) -> None:
    """Raise one ``InputError`` listing every unusable argument."""
    problems = []
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        problems.append(Msg("K is {k}; choose among at least 1 candidate", k=repr(k)))
    elif n_candidates < k or n_candidates % k:
        problems.append(
            Msg(
                "{n} candidate rows do not split into blocks of K = {k}; draw a multiple of K rows",
                n=n_candidates,
                k=k,
            )
        )
    if not np.isfinite(beta) or beta < 0:
        problems.append(Msg("beta is {beta}; use a number of at least 0", beta=beta))
    if mode not in CURATION_MODES:
        problems.append(
            Msg(
                "mode {mode} is unknown; use one of {modes}", mode=repr(mode), modes=", ".join(CURATION_MODES)
            )
        )
    if problems:
        raise InputError(problems)


def choose_among_k(
    utility: np.ndarray,
    k: int,
    beta: float = 1.0,
    mode: str = "softmax",
    eligible: np.ndarray | None = None,
    seed: int | None = 0,
) -> CurationChoice:
    """Choose one candidate per block of ``k`` consecutive candidates.

    Args:
        utility: one utility (preference-model score) per candidate; NaN counts as ineligible.
        k: K, candidates per kept row.
        beta: softmax strength (0 = uniform choice among the eligible).
        mode: ``softmax`` or ``best_of_k``.
        eligible: True where a candidate may be kept (default: all).
        seed: seed of ``numpy.random.default_rng`` for the softmax draw.

    Raises:
        InputError: when an argument is out of range.
    """
    utility = np.asarray(utility, dtype=float)
    validate_choice(utility.size, k, beta, mode)
    allowed = np.ones(utility.size, bool) if eligible is None else np.asarray(eligible, bool).copy()
    if allowed.shape != utility.shape:
        raise InputError(
            Msg(
                "{n} eligibility marks for {m} candidates; give one per candidate",
                n=allowed.size,
                m=utility.size,
            )
        )
    allowed &= np.isfinite(utility)
    blocks = utility.size // k
    score = np.where(allowed, beta * np.nan_to_num(utility) if mode == "softmax" else utility, -np.inf)
    score = score.reshape(blocks, k)
    if mode == "softmax":
        # Gumbel-max: argmax(beta u + Gumbel) picks i with probability e^{beta u_i} / sum_j e^{beta u_j}.
        score = score + np.random.default_rng(seed).gumbel(size=score.shape)
    pick = np.argmax(score, axis=1)
    has_eligible = allowed.reshape(blocks, k).any(axis=1)
    kept = (np.arange(blocks) * k + pick)[has_eligible]
    return CurationChoice(
        kept=kept,
        blocks=blocks,
        empty_blocks=int((~has_eligible).sum()),
        ineligible=int((~allowed).sum()),
    )
