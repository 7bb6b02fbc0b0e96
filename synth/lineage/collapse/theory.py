"""Closed-form expectations for the Gaussian collapse simulation (same indexing as gaussian.py).

Generation 0 is the real N(0, 1); generation g refits on M samples (``replace``) or on all g*M
samples so far (``accumulate``). With chi2 = chi-square with M-1 degrees of freedom:

* replace: mu_g = mu_{g-1} + sigma_{g-1} Z / sqrt(M) and sigma_g^2 = sigma_{g-1}^2 chi2/(M-1), so
  E[mu_g^2] = g/M, E[sigma_g^2] = 1, and log sigma_g^2 is a sum of g i.i.d. terms with mean
  c = digamma((M-1)/2) + ln(2/(M-1)), hence median(sigma_g^2) ~ exp(g c) (Shumailov et al., 2024).
  E[W2^2] = g/M + 2 - 2 a^g with a = E[sqrt(chi2/(M-1))].
* accumulate: mu_g = mu_{g-1} + sigma_{g-1} Z / (g sqrt(M)), so
  E[mu_g^2] = sum_{k=1..g} s_{k-1} / (k^2 M) < (pi^2/6)/M, where s_g = E[sigma_g^2] follows from
  the pooled sum of squares: s_0 = s_1 = 1, s_g = s_{g-1} (1 - 1/(g (g M - 1))) for g >= 2
  (Gerstgrasser et al., 2024, derived here for the exact estimator used).

With curation or a real share (replace mode only), theory_curated.py gives the curves.
``mean_reward`` is E[r(X)] under the fitted Gaussian: without curation E[mu_g] = 0, so it is 0
for the linear reward and -beta (x*^2 + E[mu_g^2] + E[sigma_g^2]) / (2 tau^2) for the quadratic.

A measure with no closed form is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, gammaln

from synth.lineage.collapse.curation import Curation
from synth.lineage.collapse.gaussian import validate_gaussian_args
from synth.lineage.collapse.theory_curated import curated_path, fixed_point


@dataclass(frozen=True)
class GaussianTheory:
    """Theoretical curves indexed by generation 0..G; ``None`` where no closed form exists.

    Attributes:
        mean_sq_drift: E[(mu_g - mu_0)^2].
        median_var: median of sigma_g^2 (replace: exp(g c), a large-g approximation).
        mean_var: E[sigma_g^2].
        tail_mass: always ``None``: the mean's drift and the variance's collapse act together
            and their joint law has no closed form; charts show the real 0.05 instead.
        wasserstein: replace only: sqrt(E[W2^2]), matching the simulation's RMS Wasserstein-2.
        bound_mean_sq_drift: accumulate only: the limit (pi^2/6)/M that E[mu_g^2] stays below.
        mean_reward: E[r(X)] under the fitted Gaussian.
        fixed_point: with a real share: the fixed point's mean, variance, spectral radius and
            whether it is stable; otherwise ``None``.
        basis: how the curves were obtained: ``closed_form``, ``exact_reweighting`` (softmax:
            its K -> infinity limit), ``numerical_integration`` (best-of-K) or ``mixture``
            (real share, no curation).
    """

    samples: int
    generations: int
    mode: str
    log_var_drift: float
    mean_sq_drift: np.ndarray
    median_var: np.ndarray | None
    mean_var: np.ndarray
    tail_mass: np.ndarray | None
    wasserstein: np.ndarray | None
    bound_mean_sq_drift: float | None
    mean_reward: np.ndarray | None = None
    fixed_point: dict | None = None
    basis: str = "closed_form"

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (arrays become lists, missing curves stay None)."""
        return {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in self.__dict__.items()}


def log_var_drift(samples: int) -> float:
    """c = E[ln(chi2_{M-1}/(M-1))], the per-generation drift of ln sigma^2 under ``replace``."""
    half = (samples - 1) / 2
    return float(digamma(half) + np.log(1.0 / half))


def mean_sd_ratio(samples: int) -> float:
    """a = E[sqrt(chi2_{M-1}/(M-1))], the expected shrink of sigma per ``replace`` generation."""
    half = (samples - 1) / 2
    return float(np.sqrt(1.0 / half) * np.exp(gammaln(samples / 2) - gammaln(half)))


def _plain_reward(curation: Curation, mean_sq_drift: np.ndarray, mean_var: np.ndarray) -> np.ndarray:
    if curation.reward == "linear":
        return np.zeros_like(mean_sq_drift)
    return -curation.beta * (curation.target**2 + mean_sq_drift + mean_var) / (2 * curation.tau**2)


def gaussian_theory(
    samples: int, generations: int, mode: str = "replace", curation: Curation | None = None
) -> GaussianTheory:
    """Theoretical curves for ``simulate_gaussian(samples, generations, ..., mode, curation=...)``.

    Raises:
        InputError: when an argument is out of range.
    """
    curation = curation or Curation()
    validate_gaussian_args(samples, generations, 1, mode, curation)
    g = np.arange(generations + 1, dtype=float)
    c = log_var_drift(samples)
    if not curation.plain:
        path = curated_path(curation, samples, generations, c)
        basis = {"softmax": "exact_reweighting", "best_of_k": "numerical_integration"}.get(
            curation.method, "mixture"
        )
        return GaussianTheory(
            samples=samples,
            generations=generations,
            mode=mode,
            log_var_drift=c,
            mean_sq_drift=path["mean_sq_drift"],
            median_var=path["median_var"],
            mean_var=path["mean_var"],
            tail_mass=None,
            wasserstein=None,
            bound_mean_sq_drift=None,
            mean_reward=path["mean_reward"],
            fixed_point=fixed_point(curation, samples),
            basis=basis,
        )
    if mode == "replace":
        return GaussianTheory(
            samples=samples,
            generations=generations,
            mode=mode,
            log_var_drift=c,
            mean_sq_drift=g / samples,
            median_var=np.exp(g * c),
            mean_var=np.ones_like(g),
            tail_mass=None,
            wasserstein=np.sqrt(np.maximum(g / samples + 2 - 2 * mean_sd_ratio(samples) ** g, 0.0)),
            bound_mean_sq_drift=None,
            mean_reward=_plain_reward(curation, g / samples, np.ones_like(g)),
        )
    shrink = np.ones_like(g)
    shrink[2:] = 1 - 1 / (g[2:] * (g[2:] * samples - 1))
    mean_var = np.cumprod(shrink)
    steps = np.zeros_like(g)
    steps[1:] = mean_var[:-1] / (g[1:] ** 2 * samples)
    mean_sq_drift = np.cumsum(steps)
    return GaussianTheory(
        samples=samples,
        generations=generations,
        mode=mode,
        log_var_drift=c,
        mean_sq_drift=mean_sq_drift,
        median_var=None,
        mean_var=mean_var,
        tail_mass=None,
        wasserstein=None,
        bound_mean_sq_drift=float(np.pi**2 / 6 / samples),
        mean_reward=_plain_reward(curation, mean_sq_drift, mean_var),
    )
