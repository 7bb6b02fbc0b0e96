"""Curation in the Gaussian Collapse Lab: each kept sample is chosen among K under a reward.

A sample is drawn K times from the current model and one candidate is kept (Ferbach et al., 2024):

* ``softmax``: candidate i with probability e^{r(x_i)} / sum_j e^{r(x_j)}, the Bradley–Terry
  (Plackett–Luce) choice; as K grows the kept samples follow p(x) e^{r(x)} / Z;
* ``best_of_k``: the candidate with the highest reward (a noiseless chooser).

The reward is ``linear``, r(x) = beta x, or ``quadratic``, r(x) = -beta (x - x*)^2 / (2 tau^2)
(beta = 1 is the plain "close to the target" reward). Best-of-K does not depend on beta > 0.
Optionally a share lambda of each generation's fit sample is fresh real data, N(0, 1), not
curated. Written by hand: no maintained library simulates curated recursive refitting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from synth.errors import InputError
from synth.i18n import Msg

CURATIONS = ("none", "softmax", "best_of_k")
REWARDS = ("linear", "quadratic")
#: Largest runs x candidates drawn at once (float64), so memory stays near 100 MB.
CANDIDATE_BLOCK = 4_000_000


@dataclass(frozen=True)
class Curation:
    """How each generation's synthetic samples are chosen, and the real share kept."""

    method: str = "none"
    k: int = 1
    reward: str = "linear"
    beta: float = 1.0
    target: float = 0.0
    tau: float = 1.0
    real_share: float = 0.0

    @property
    def active(self) -> bool:
        """True when samples are chosen among K (not simply drawn)."""
        return self.method != "none"

    @property
    def plain(self) -> bool:
        """True when the lab runs as before curation existed: no choice, no real data."""
        return not self.active and self.real_share == 0

    def real_count(self, samples: int) -> int:
        """Real samples in a fit sample of ``samples`` (at least one synthetic stays)."""
        return min(int(round(self.real_share * samples)), samples - 1)

    def reward_of(self, x: np.ndarray) -> np.ndarray:
        """r(x), elementwise."""
        if self.reward == "linear":
            return self.beta * x
        return -self.beta * (x - self.target) ** 2 / (2 * self.tau**2)

    def expected_reward(self, mu: np.ndarray, var: np.ndarray) -> np.ndarray:
        """E[r(X)] for X ~ N(mu, var), elementwise (a closed form)."""
        if self.reward == "linear":
            return self.beta * mu
        return -self.beta * ((mu - self.target) ** 2 + var) / (2 * self.tau**2)

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def validate_curation(curation: Curation) -> list[str]:
    """Problems with a curation setting (empty when usable)."""
    problems = []
    if curation.method not in CURATIONS:
        problems.append(
            Msg(
                "curation {value} is unknown; use one of {choices}",
                value=repr(curation.method),
                choices=", ".join(CURATIONS),
            )
        )
    if curation.reward not in REWARDS:
        problems.append(
            Msg(
                "reward {value} is unknown; use one of {choices}",
                value=repr(curation.reward),
                choices=", ".join(REWARDS),
            )
        )
    k = curation.k
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or (curation.active and k < 2):
        problems.append(Msg("K is {k}; choose among at least 2 candidates", k=repr(k)))
    if not np.isfinite(curation.beta) or curation.beta <= 0 or curation.beta > 100:
        problems.append(Msg("beta is {beta}; use a number above 0 and at most 100", beta=curation.beta))
    if not np.isfinite(curation.tau) or curation.tau <= 0:
        problems.append(Msg("tau is {tau}; use a width above 0", tau=curation.tau))
    if not np.isfinite(curation.target) or abs(curation.target) > 100:
        problems.append(
            Msg("the target is {target}; use a number between -100 and 100", target=curation.target)
        )
    if not 0 <= curation.real_share < 1:
        problems.append(
            Msg(
                "the real share is {share}; use a fraction from 0 up to (not including) 1",
                share=curation.real_share,
            )
        )
    return problems


def check_curation(curation: Curation) -> None:
    """Raise one ``InputError`` listing every unusable curation argument."""
    problems = validate_curation(curation)
    if problems:
        raise InputError(problems)


def curated_draws(
    rng: np.random.Generator, curation: Curation, mu: np.ndarray, sd: np.ndarray, count: int
) -> np.ndarray:
    """``count`` kept samples per run, each chosen among K draws from N(mu, sd^2): shape (runs, count)."""
    runs = mu.shape[0]
    if not curation.active:
        return mu[:, None] + sd[:, None] * rng.standard_normal((runs, count))
    kept = np.empty((runs, count))
    per_run = count * curation.k
    step = max(1, CANDIDATE_BLOCK // max(per_run, 1))
    for start in range(0, runs, step):
        stop = min(runs, start + step)
        z = rng.standard_normal((stop - start, count, curation.k))
        x = mu[start:stop, None, None] + sd[start:stop, None, None] * z
        score = curation.reward_of(x)
        if curation.method == "softmax":
            # Gumbel-max: argmax(r + Gumbel) picks i with probability e^{r_i} / sum_j e^{r_j}.
            score = score + rng.gumbel(size=score.shape)
        pick = np.argmax(score, axis=2)
        kept[start:stop] = np.take_along_axis(x, pick[..., None], axis=2)[..., 0]
    return kept
