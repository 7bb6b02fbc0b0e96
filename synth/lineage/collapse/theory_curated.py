"""Closed forms for the curated Gaussian lab (``replace`` mode, see curation.py).

One generation maps the fitted (mu, v) to the moments of the next fit sample:

1. curation of N(mu, v):
   * softmax, K -> infinity: exact reweighting p(x) e^{r(x)} (Ferbach et al., 2024). A product of
     Gaussians: linear r = beta x gives N(mu + beta v, v); quadratic r = -beta (x - x*)^2/(2 tau^2)
     gives precision 1/v + a and mean (mu/v + a x*)/(1/v + a), with a = beta / tau^2, so from the
     real N(0, 1) the variance after g rounds is 1/(1 + g a) before refitting noise.
     Finite K approaches this limit; the softmax theory is that limit.
   * best-of-K: the moments of the best of K draws, by numerical integration (scipy's quad) of
     its density K p(x) F(x)^{K-1} (linear: the maximum of K normals; quadratic: the draw
     nearest x*, through the distance's survival function).
2. mixing with a real share lambda of N(0, 1): the expected mean and unbiased variance of the
   pooled fit sample (n_r real, n_s curated rows).

Iterating the map gives the large-M path (v_g, mu_g). Refitting on M samples adds what the
plain lab already models, linearised around that path: the mean's noise, n_g = J_g^2 n_{g-1} +
Var(fit mean), and the median's log shrinkage, m_g = D_g m_{g-1} + c (c = log_var_drift(M),
D_g = d log v_g / d log v_{g-1}); so median_var = v_g e^{m_g} (e^{g c} without curation) and
mean_sq_drift = mu_g^2 + n_g (g/M without curation). With lambda > 0 the map has a fixed point;
it is stable when the spectral radius of its Jacobian is below 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import numpy as np
from scipy.integrate import quad, simpson
from scipy.stats import norm

from synth.lineage.collapse.curation import Curation

_QUAD = {"epsabs": 1e-13, "epsrel": 1e-11, "limit": 400}


@lru_cache(maxsize=256)
def max_of_normals(k: int) -> tuple[float, float]:
    """Mean and variance of the largest of ``k`` standard normals (numerical integration)."""

    def density(x: float) -> float:
        return k * norm.pdf(x) * np.exp((k - 1) * norm.logcdf(x))

    mean = quad(lambda x: x * density(x), -12, 12, **_QUAD)[0]
    second = quad(lambda x: (x - mean) ** 2 * density(x), -12, 12, **_QUAD)[0]
    return mean, second


def nearest_of_normals(k: int, target: float) -> tuple[float, float]:
    """Mean and variance of the one of ``k`` standard normals nearest ``target`` (numerical integration).

    The distance D = |Z - t| has survival S(d) = 1 - (Phi(t + d) - Phi(t - d)); the nearest of K
    has density K (phi(t + d) + phi(t - d)) S(d)^{K-1}, and given D = d the draw is t + d with
    probability phi(t + d) / (phi(t + d) + phi(t - d)). Integrated with Simpson's rule on a grid
    dense where the nearest distance lies (about 1 / (2 K phi(t))), vectorised because the lab
    evaluates it every generation.
    """
    top = abs(target) + 12
    scale = min(1.0 / (2 * k * max(norm.pdf(target), 1e-300)), top)
    d = np.unique(np.concatenate([[0.0], np.geomspace(scale * 1e-6, top, 6000), np.linspace(0, top, 2000)]))
    survival = np.clip(norm.sf(target + d) + norm.cdf(target - d), 0.0, 1.0)
    with np.errstate(divide="ignore"):
        weight = k * np.exp((k - 1) * np.log(survival))
    plus, minus = norm.pdf(target + d), norm.pdf(target - d)
    shift = simpson((plus - minus) * d * weight, x=d)
    square = simpson((plus + minus) * d * d * weight, x=d)
    return target + shift, max(square - shift**2, 0.0)


def curated_moments(curation: Curation, mu: float, var: float) -> tuple[float, float]:
    """Mean and variance of one kept sample when the model is N(mu, var)."""
    if not curation.active:
        return mu, var
    sd = np.sqrt(var)
    if curation.method == "softmax":
        if curation.reward == "linear":
            return mu + curation.beta * var, var
        a = curation.beta / curation.tau**2
        return (mu + a * var * curation.target) / (1 + a * var), var / (1 + a * var)
    if curation.reward == "linear":
        mean, spread = max_of_normals(curation.k)
    else:
        mean, spread = nearest_of_normals(curation.k, (curation.target - mu) / sd)
    return mu + sd * mean, var * spread


def _step(curation: Curation, samples: int, mu: float, var: float) -> tuple[float, float, float]:
    """The next fit's expected (mean, unbiased variance) and the variance of its sample mean."""
    real = curation.real_count(samples)
    synthetic = samples - real
    mu_c, var_c = curated_moments(curation, mu, var)
    mean = synthetic * mu_c / samples
    # E of the ddof=1 variance of n_r draws from N(0, 1) pooled with n_s draws of mean mu_c.
    pooled = (real + synthetic * var_c) / samples + real * synthetic * mu_c**2 / (samples * (samples - 1))
    return mean, pooled, (real + synthetic * var_c) / samples**2


def _jacobian(curation: Curation, samples: int, mu: float, var: float) -> np.ndarray:
    """d(mean', log var') / d(mean, log var) by central differences."""
    h = 1e-5
    out = np.empty((2, 2))
    for j, (dm, dl) in enumerate(((h, 0.0), (0.0, h))):
        up = _step(curation, samples, mu + dm, var * np.exp(dl))
        down = _step(curation, samples, mu - dm, var * np.exp(-dl))
        out[0, j] = (up[0] - down[0]) / (2 * h)
        out[1, j] = (np.log(up[1]) - np.log(down[1])) / (2 * h)
    return out


def walk(curation: Curation, samples: int, c: float) -> Iterator[tuple[float, float, float, float]]:
    """(mean, variance, mean noise, median log shift) for generations 0, 1, 2, ... without end."""
    mu, var, noise, log_shift = 0.0, 1.0, 0.0, 0.0
    while True:
        yield mu, var, noise, log_shift
        jac = _jacobian(curation, samples, mu, var)
        mu, var, mean_noise = _step(curation, samples, mu, var)
        noise = jac[0, 0] ** 2 * noise + mean_noise
        log_shift = jac[1, 1] * log_shift + c


def curated_path(curation: Curation, samples: int, generations: int, c: float) -> dict[str, np.ndarray]:
    """Theory curves over generations 0..G: mean, variance, drift, median variance, reward."""
    with np.errstate(all="ignore"):  # a runaway mean overflows to inf, which the curves then show
        rows = list(islice(walk(curation, samples, c), generations + 1))
    mu, var, noise, log_shift = (np.array(col) for col in zip(*rows, strict=True))
    if curation.reward == "linear":
        reward = curation.beta * mu
    else:
        reward = -curation.beta * ((mu - curation.target) ** 2 + noise + var) / (2 * curation.tau**2)
    return {
        "mean": mu,
        "mean_var": var,
        "mean_sq_drift": mu**2 + noise,
        "median_var": var * np.exp(log_shift),
        "mean_reward": reward,
    }


def fixed_point(curation: Curation, samples: int, max_steps: int = 100_000) -> dict | None:
    """The map's fixed point with a real share (``None`` without one): mean, variance, stability."""
    if curation.real_count(samples) == 0:
        return None
    mu, var = 0.0, 1.0
    with np.errstate(all="ignore"):
        for _ in range(max_steps):
            new_mu, new_var, _noise = _step(curation, samples, mu, var)
            if not (np.isfinite(new_mu) and np.isfinite(new_var)) or new_var > 1e12 or abs(new_mu) > 1e12:
                # The mean runs away (a linear reward chosen too hard for the real share to hold).
                return {"mean": None, "var": None, "spectral_radius": None, "stable": False}
            done = abs(new_mu - mu) < 1e-12 and abs(new_var - var) < 1e-12 * var
            mu, var = new_mu, new_var
            if done:
                break
        else:
            return {"mean": None, "var": None, "spectral_radius": None, "stable": False}
    radius = float(max(abs(np.linalg.eigvals(_jacobian(curation, samples, mu, var)))))
    return {"mean": float(mu), "var": float(var), "spectral_radius": radius, "stable": radius < 1}
