"""The Wilson score interval of a proportion: the one implementation the metrics and the reviews use.

``(p + z²/2n ∓ z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``p = successes / n`` and ``z``
the normal quantile of the two-sided confidence. Written out (a closed form) rather than taken
from statsmodels, which the project does not depend on; tests check it against scipy's
``binomtest(...).proportion_ci(method="wilson")``.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from synth.errors import InputError
from synth.i18n import Msg


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided Wilson interval of ``successes / trials``; ``(0, 1)`` when there are no trials."""
    if trials == 0:
        return 0.0, 1.0  # no evidence: every proportion is possible
    if trials < 0 or not 0 <= successes <= trials:
        raise InputError(
            Msg(
                "a proportion needs 0 <= successes <= trials (got {successes} of {trials})",
                successes=successes,
                trials=trials,
            )
        )
    z = NormalDist().inv_cdf(0.5 + confidence / 2.0)  # stdlib: scipy.stats takes a second to import
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    scale = 1 + z * z / trials
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)
