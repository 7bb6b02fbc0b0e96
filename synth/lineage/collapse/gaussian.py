"""Model collapse of a 1-D Gaussian refitted, generation after generation, on its own samples.

Generation 0 is the real distribution, N(0, 1). Generation g >= 1 is a Gaussian fitted with
unbiased estimates (sample mean, variance with ddof=1) to data drawn from earlier generations:

* ``replace``: only the latest M samples, drawn from generation g-1 (Shumailov et al., 2024).
* ``accumulate``: everything so far, i.e. the M real samples plus M samples from each of
  generations 1..g-1, so generation g fits on g*M samples (Gerstgrasser et al., 2024).

With a :class:`~synth.lineage.collapse.curation.Curation`, each synthetic sample is chosen
among K draws under a reward, and a share of each fit sample may be fresh real data (see
curation.py); ``mean_reward`` is E[r(X)] under each run's fitted Gaussian, averaged over runs.

Generation g is what a dataset of lineage depth g was drawn from; generation 1 is the same in
both modes, a fit to M real samples (so "(r+1)*M samples at round r" counts rounds from that
first fit, r = g - 1). Every run is independent and
all runs advance together as numpy vectors; samples are never stored, only each run's
fitted mean and variance and, for ``accumulate``, the pooled count/mean/sum of squared
deviations (Chan's parallel update), so memory stays O(runs). Written by hand because no
maintained library simulates recursive refitting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import norm

from synth.errors import InputError
from synth.i18n import N_, Msg, word
from synth.lineage.collapse.curation import Curation, curated_draws, validate_curation

MODES = ("replace", "accumulate")
#: Largest runs x samples drawn at once (one float64 block of this size, ~160 MB).
MAX_DRAW_BLOCK = 20_000_000
#: Largest runs x samples x generations, to keep a request to well under a minute.
MAX_TOTAL_DRAWS = 2_000_000_000
#: Tail quantiles of the real distribution whose outer mass is tracked.
TAIL_QUANTILES = (0.025, 0.975)
_TAIL_LO, _TAIL_HI = norm.ppf(TAIL_QUANTILES)  # generation 0 is N(0, 1)
_MEASURES = (
    "mean_sq_drift",
    "median_var",
    "mean_var",
    "var_p10",
    "var_p90",
    "tail_mass",
    "thin_tail_mass",
    "wasserstein",
    "mean_reward",
)


@dataclass(frozen=True)
class GaussianCollapse:
    """Per-generation measures; every array has length ``generations + 1`` (index = generation).

    Attributes:
        mean_sq_drift: E[(mu_g - mu_0)^2] over runs.
        median_var: median over runs of the fitted variance sigma_g^2.
        mean_var: mean over runs of sigma_g^2 (heavy-tailed; judge collapse by the median).
        var_p10: 10th percentile over runs of sigma_g^2.
        var_p90: 90th percentile over runs of sigma_g^2.
        tail_mass: mass of each run's fitted Gaussian outside generation 0's 2.5% and 97.5%
            quantiles, averaged over runs (0.05 at generation 0). It grows as the mean drifts.
        thin_tail_mass: the smaller of those two outer masses, averaged over runs (0.025 at
            generation 0); it falls towards 0 as one tail of the real data is lost.
        wasserstein: root-mean-square over runs of the Wasserstein-2 distance between the
            run's fitted Gaussian and generation 0: sqrt(E[(mu_g-mu_0)^2 + (sigma_g-sigma_0)^2]).
        mean_reward: E[r(X)] under each run's fitted Gaussian (closed form), averaged over runs.
        curation: the curation setting (``Curation()`` = none, no real data kept).
    """

    samples: int
    generations: int
    runs: int
    mode: str
    seed: int | None
    generation: np.ndarray
    mean_sq_drift: np.ndarray
    median_var: np.ndarray
    mean_var: np.ndarray
    var_p10: np.ndarray
    var_p90: np.ndarray
    tail_mass: np.ndarray
    thin_tail_mass: np.ndarray
    wasserstein: np.ndarray
    mean_reward: np.ndarray
    curation: Curation = Curation()

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (arrays become lists)."""
        return {k: v.tolist() if isinstance(v, np.ndarray) else v for k, v in asdict(self).items()}


# The arguments as the messages name them.
_ARGUMENTS = {"samples": N_("samples"), "generations": N_("generations"), "runs": N_("runs")}


def count_problems(**counts: tuple[object, int]) -> list[str]:
    """Problems with whole-number arguments given as ``name=(value, minimum)``."""
    problems = []
    for name, (value, minimum) in counts.items():
        label = word(_ARGUMENTS.get(name, name.replace("_", " ")))
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            problems.append(
                Msg(
                    "{label} is {value}; give a whole number of at least {minimum}",
                    label=label,
                    value=repr(value),
                    minimum=minimum,
                )
            )
        elif value < minimum and name == "samples":
            problems.append(
                Msg(
                    "{label} is {value}; use at least {minimum} (a variance needs 2 points)",
                    label=label,
                    value=value,
                    minimum=minimum,
                )
            )
        elif value < minimum:
            problems.append(
                Msg("{label} is {value}; use at least {minimum}", label=label, value=value, minimum=minimum)
            )
    return problems


def validate_gaussian_args(
    samples: int, generations: int, runs: int, mode: str, curation: Curation | None = None
) -> None:
    """Raise one ``InputError`` listing every unusable argument."""
    problems = count_problems(samples=(samples, 2), generations=(generations, 1), runs=(runs, 1))
    curation = curation or Curation()
    problems += validate_curation(curation)
    k = curation.k if curation.active and not problems else 1
    if mode not in MODES:
        problems.append(
            Msg("mode {mode} is unknown; use one of {modes}", mode=repr(mode), modes=", ".join(MODES))
        )
    if mode == "accumulate" and not curation.plain:
        problems.append(
            Msg("curation and a real share run in replace mode; accumulate already keeps all the real data")
        )
    if not problems and runs * samples > MAX_DRAW_BLOCK:
        problems.append(
            Msg(
                "runs x samples = {draws:,} needs too much memory; keep it at most {limit:,} (use "
                "fewer runs or fewer samples)",
                draws=runs * samples,
                limit=MAX_DRAW_BLOCK,
            )
        )
    if not problems and runs * samples * generations * k > MAX_TOTAL_DRAWS:
        problems.append(
            Msg(
                "runs x samples x generations x K = {draws:,} would take too long; keep it at most {limit:,}",
                draws=runs * samples * generations * k,
                limit=MAX_TOTAL_DRAWS,
            )
        )
    if problems:
        raise InputError(problems)


def _standard_batch_stats(rng: np.random.Generator, runs: int, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sum of squared deviations of ``samples`` standard normals, for each run.

    A Gaussian sample is mu + sigma*z, so its statistics follow from those of z; drawing z
    for real (not from the chi-square shortcut) keeps the check against theory independent.
    """
    z = rng.standard_normal((runs, samples))
    z_mean = z.mean(axis=1)
    z -= z_mean[:, None]
    return z_mean, np.einsum("ij,ij->i", z, z)


def simulate_gaussian(
    samples: int = 100,
    generations: int = 100,
    runs: int = 1000,
    mode: str = "replace",
    seed: int | None = 0,
    curation: Curation | None = None,
) -> GaussianCollapse:
    """Refit a Gaussian ``generations`` times on its own samples, ``runs`` times in parallel.

    Args:
        samples: M, the samples drawn per generation (and the real sample size).
        generations: G; measures are returned for generations 0..G.
        runs: independent repetitions averaged in each measure.
        mode: ``replace`` or ``accumulate`` (see the module docstring).
        seed: seed of ``numpy.random.default_rng``.
        curation: how synthetic samples are chosen and the real share kept (none by default).

    Returns:
        The per-generation measures.

    Raises:
        InputError: when an argument is out of range.
    """
    curation = curation or Curation()
    validate_gaussian_args(samples, generations, runs, mode, curation)
    rng = np.random.default_rng(seed)
    measures = {name: np.empty(generations + 1) for name in _MEASURES}
    mu, var = np.zeros(runs), np.ones(runs)  # generation 0: the real N(0, 1)
    _record(measures, 0, mu, var, curation)
    pooled_n, pooled_mean, pooled_ss = 0, np.zeros(runs), np.zeros(runs)
    for g in range(1, generations + 1):
        if curation.plain:
            z_mean, z_ss = _standard_batch_stats(rng, runs, samples)
            batch_mean, batch_ss = mu + np.sqrt(var) * z_mean, var * z_ss
        else:
            batch_mean, batch_ss = _curated_batch_stats(rng, curation, mu, var, samples)
        if mode == "replace":
            mu, var = batch_mean, batch_ss / (samples - 1)
        else:
            total = pooled_n + samples
            delta = batch_mean - pooled_mean
            pooled_mean = pooled_mean + delta * (samples / total)
            pooled_ss = pooled_ss + batch_ss + delta**2 * (pooled_n * samples / total)
            pooled_n = total
            mu, var = pooled_mean, pooled_ss / (total - 1)
        _record(measures, g, mu, var, curation)
    return GaussianCollapse(
        samples=samples,
        generations=generations,
        runs=runs,
        mode=mode,
        seed=seed,
        generation=np.arange(generations + 1),
        curation=curation,
        **measures,
    )


def _curated_batch_stats(
    rng: np.random.Generator, curation: Curation, mu: np.ndarray, var: np.ndarray, samples: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sum of squared deviations of one fit sample: curated synthetic plus real rows."""
    real = curation.real_count(samples)
    synthetic = curated_draws(rng, curation, mu, np.sqrt(var), samples - real)
    batch = np.concatenate([synthetic, rng.standard_normal((mu.shape[0], real))], axis=1)
    batch_mean = batch.mean(axis=1)
    batch -= batch_mean[:, None]
    return batch_mean, np.einsum("ij,ij->i", batch, batch)


def _record(
    measures: dict[str, np.ndarray], g: int, mu: np.ndarray, var: np.ndarray, curation: Curation
) -> None:
    """Reduce one generation's fitted (mu, var) across runs into the measures at index g."""
    sd = np.sqrt(var)
    p10, median, p90 = np.percentile(var, [10, 50, 90])
    measures["mean_sq_drift"][g] = np.mean(mu**2)
    measures["median_var"][g] = median
    measures["mean_var"][g] = var.mean()
    measures["var_p10"][g] = p10
    measures["var_p90"][g] = p90
    with np.errstate(divide="ignore", invalid="ignore"):  # sd underflows to 0 after very many rounds
        lower, upper = norm.cdf((_TAIL_LO - mu) / sd), norm.sf((_TAIL_HI - mu) / sd)
    measures["tail_mass"][g] = np.mean(lower + upper)
    measures["thin_tail_mass"][g] = np.mean(np.minimum(lower, upper))
    measures["wasserstein"][g] = np.sqrt(np.mean(mu**2 + (sd - 1.0) ** 2))
    measures["mean_reward"][g] = np.mean(curation.expected_reward(mu, var))
