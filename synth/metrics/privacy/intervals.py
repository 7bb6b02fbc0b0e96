"""The 95% intervals the privacy evidence reports: a difference of two proportions, a risk from an
attack and a control success rate, and an AUC.

* Difference of two independent proportions: Newcombe's hybrid score interval (Newcombe 1998,
  method 10), built from each proportion's Wilson interval. It stays inside [-1, 1] and keeps its
  coverage for rates near 0 or 1, where the Wald interval does not (exact matches are rare).
* Risk ``(a - c) / (1 - c)`` from attack rate ``a`` and control rate ``c``: as Giomi et al.
  (2022) and their ``anonymeter`` package, each rate is the centre of its Wilson score interval
  with the interval's half-width as its error, and the errors are propagated to the risk to
  first order. The interval is ``risk +/- error``.
* AUC of scores for positives against negatives: the Mann-Whitney statistic, with DeLong's
  variance (DeLong, DeLong and Clarke-Pearson 1988) from the placement values.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from synth.metrics.intervals import wilson_interval

Z95 = float(stats.norm.ppf(0.975))


def difference_interval(successes_a: int, trials_a: int, successes_b: int, trials_b: int) -> dict:
    """``p_a - p_b`` with Newcombe's hybrid score 95% interval."""
    p_a = successes_a / trials_a if trials_a else 0.0
    p_b = successes_b / trials_b if trials_b else 0.0
    low_a, high_a = wilson_interval(successes_a, trials_a)
    low_b, high_b = wilson_interval(successes_b, trials_b)
    difference = p_a - p_b
    return {
        "value": float(difference),
        "ci95": [
            float(difference - np.hypot(p_a - low_a, high_b - p_b)),
            float(difference + np.hypot(high_a - p_a, p_b - low_b)),
        ],
    }


def wilson_rate(successes: int, trials: int) -> tuple[float, float]:
    """Centre and half-width of the Wilson 95% score interval (the rate and error ``anonymeter`` uses)."""
    if trials == 0:
        return 0.0, 1.0
    z2 = Z95 * Z95
    centre = (successes + z2 / 2) / (trials + z2)
    error = Z95 / (trials + z2) * np.sqrt(successes * (trials - successes) / trials + z2 / 4)
    return float(centre), float(error)


def residual_risk(
    attack_successes: int, attack_trials: int, control_successes: int, control_trials: int
) -> dict:
    """Risk ``(a - c) / (1 - c)`` and its 95% interval, both clipped to [0, 1].

    A negative risk (the attack did worse than on people the generator never saw) means no
    measured risk, so it reads 0; ``risk_unclipped`` keeps the number ``anonymeter`` prints.
    """
    attack, attack_error = wilson_rate(attack_successes, attack_trials)
    control, control_error = wilson_rate(control_successes, control_trials)
    if control >= 1.0:
        risk, error = 0.0, 1.0
    else:
        risk = (attack - control) / (1.0 - control)
        error = float(
            np.hypot(attack_error / (1.0 - control), control_error * (attack - 1.0) / (1.0 - control) ** 2)
        )
    return {
        "value": float(np.clip(risk, 0.0, 1.0)),
        "ci95": [float(np.clip(risk - error, 0.0, 1.0)), float(np.clip(risk + error, 0.0, 1.0))],
        "risk_unclipped": float(risk),
        "attack_rate": attack_successes / attack_trials if attack_trials else 0.0,
        "control_rate": control_successes / control_trials if control_trials else 0.0,
        "n_attacks": int(attack_trials),
        "n_controls": int(control_trials),
    }


def auc_interval(positive: np.ndarray, negative: np.ndarray) -> dict:
    """AUC that a positive scores above a negative (ties count half) with DeLong's 95% interval."""
    positive, negative = np.asarray(positive, float), np.asarray(negative, float)
    m, n = len(positive), len(negative)
    if m == 0 or n == 0:
        return {"auc": float("nan"), "ci95": [0.0, 1.0]}
    ranks = stats.rankdata(np.concatenate([positive, negative]))
    within_positive = stats.rankdata(positive)
    within_negative = stats.rankdata(negative)
    # Placements: the share of the other class each score beats (ties half).
    v_positive = (ranks[:m] - within_positive) / n
    v_negative = 1.0 - (ranks[m:] - within_negative) / m
    auc = float(v_positive.mean())
    variance = (v_positive.var(ddof=1) if m > 1 else 0.0) / m + (v_negative.var(ddof=1) if n > 1 else 0.0) / n
    half = Z95 * float(np.sqrt(variance))
    return {"auc": auc, "ci95": [max(0.0, auc - half), min(1.0, auc + half)]}
