"""The curated setting to recommend: rounds, real-data share, and the K and beta that keep spread.

All from the closed forms (theory_curated.py), so no simulation is needed. A setting *holds*
over a horizon of G rounds when its theoretical median variance stays at or above
``1 - max_variance_loss`` of the real variance in every round up to G, and does not run away
(a linear reward chosen hard enough drags the mean off, and the variance with it, without end).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from synth.i18n import N_, Msg, joined, word
from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.recommend import DEFAULT_MAX_VARIANCE_LOSS
from synth.lineage.collapse.theory import log_var_drift
from synth.lineage.collapse.theory_curated import walk

#: Real shares tried, in order; the first that holds is recommended.
REAL_SHARES = tuple(round(0.05 * i, 2) for i in range(20))
#: Betas tried for softmax choice, and Ks for best-of-K (the largest that holds is recommended).
BETAS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
KS = (2, 3, 4, 6, 8, 12, 16, 24, 32, 64)
#: A variance this many times the real one means the mean has run away: the setting fails.
RUNAWAY = 1e6


@dataclass(frozen=True)
class CuratedLimit:
    """The curated lab's advice for one setting.

    Attributes:
        samples: M, rows per round.
        horizon: G, the rounds the advice must hold for.
        max_variance_loss: the tolerated loss of the median variance.
        curation: the setting asked about.
        rounds: rounds this setting keeps the median variance above the threshold (theory).
        censored: True when it held for the whole horizon (``rounds`` = G, at least).
        real_share_needed: the smallest real share in ``REAL_SHARES`` that holds with this K
            and beta, or ``None`` when none does.
        strongest: with this setting's real share, the largest beta (softmax) or K (best-of-K)
            that holds, or ``None`` when even the mildest choice does not.
    """

    samples: int
    horizon: int
    max_variance_loss: float
    curation: Curation
    rounds: int
    censored: bool
    real_share_needed: float | None
    strongest: float | None

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def rounds_held(curation: Curation, samples: int, horizon: int, max_variance_loss: float) -> tuple[int, bool]:
    """Last round (up to ``horizon``) before the theoretical median variance drops below the threshold."""
    floor = 1 - max_variance_loss
    c = log_var_drift(samples)
    last = (0.0, 1.0)
    with np.errstate(all="ignore"):
        for g, (mu, var, _noise, log_shift) in enumerate(walk(curation, samples, c)):
            # Below the floor, or running away (nan, or a mixture blown apart by a fleeing mean).
            if not floor <= var * np.exp(log_shift) <= RUNAWAY:
                return g - 1, False
            if g == horizon:
                return horizon, True
            # Converged to a fixed point at or above the floor: it holds from here on.
            if g > 1 and abs(mu - last[0]) < 1e-12 and abs(var - last[1]) < 1e-12 and abs(log_shift) < 1e-9:
                return horizon, True
            last = (mu, var)
    raise AssertionError("unreachable")  # pragma: no cover


def _holds(curation: Curation, samples: int, horizon: int, loss: float) -> bool:
    return rounds_held(curation, samples, horizon, loss)[1]


def recommend_curated(
    curation: Curation, samples: int, horizon: int, max_variance_loss: float = DEFAULT_MAX_VARIANCE_LOSS
) -> CuratedLimit:
    """Rounds held by ``curation``, the real share it needs, and the strongest choice that holds."""
    rounds, censored = rounds_held(curation, samples, horizon, max_variance_loss)
    share = next(
        (
            s
            for s in REAL_SHARES
            if _holds(replace(curation, real_share=s), samples, horizon, max_variance_loss)
        ),
        None,
    )
    strongest = None
    if curation.method == "softmax":
        options = [replace(curation, beta=b) for b in BETAS]
        held = [c.beta for c in options if _holds(c, samples, horizon, max_variance_loss)]
        strongest = max(held) if held else None
    elif curation.method == "best_of_k":
        held = [k for k in KS if _holds(replace(curation, k=k), samples, horizon, max_variance_loss)]
        strongest = float(max(held)) if held else None
    return CuratedLimit(samples, horizon, max_variance_loss, curation, rounds, censored, share, strongest)


_METHODS = {"softmax": N_("softmax of the reward"), "best_of_k": N_("best of K"), "none": N_("no choice")}
_CURATED = N_(
    "With curation ({method}, K = {k}, beta = {beta}) and {share:.0%} real data each round, the "
    "spread stays above {kept:.0%} of the real spread for {rounds} rounds in theory{censored}."
)
_SHARE = N_("Keeping {needed:.0%} real data each round holds it for all {horizon} rounds.")
_NO_SHARE = N_("No real share up to 95% holds it for all {horizon} rounds with this K and beta.")
_BETA = N_("With this real share, beta up to {value} holds it for all {horizon} rounds.")
_K = N_("With this real share, K up to {value:.0f} holds it for all {horizon} rounds.")
_NOTHING = N_("With this real share, no K or beta tried holds it for all {horizon} rounds.")


def explain_curated(limit: CuratedLimit) -> Msg:
    """The advice in plain words (a translatable message)."""
    c = limit.curation
    parts = [
        Msg(
            _CURATED,
            method=word(_METHODS.get(c.method, c.method)),
            k=c.k,
            beta=c.beta,
            share=c.real_share,
            kept=1 - limit.max_variance_loss,
            rounds=limit.rounds,
            censored=Msg(" (all it was asked for)") if limit.censored else "",
        )
    ]
    if limit.real_share_needed is None:
        parts.append(Msg(_NO_SHARE, horizon=limit.horizon))
    else:
        parts.append(Msg(_SHARE, needed=limit.real_share_needed, horizon=limit.horizon))
    if c.active:
        if limit.strongest is None:
            parts.append(Msg(_NOTHING, horizon=limit.horizon))
        else:
            template = _BETA if c.method == "softmax" else _K
            parts.append(Msg(template, value=limit.strongest, horizon=limit.horizon))
    return joined(parts, " ")
