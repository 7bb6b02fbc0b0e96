"""The three re-identification risks of the Article 29 Working Party (Opinion 05/2014).

Each is measured as in Giomi et al. (2022), "A Unified Framework for Quantifying Privacy
Risk in Synthetic Data" (the paper behind the ``anonymeter`` package): an attack that uses
only the synthetic data is run against training records and, as a control, against
holdout records the generator never saw. With attack success rate ``a`` and control rate
``c``, the risk is ``(a - c) / (1 - c)``, floored at 0; its 95% interval combines the
Wilson intervals of both rates. ``anonymeter`` itself pins older numpy and pyarrow than
this project uses, so the attacks are implemented here, vectorised:

* singling out: a synthetic record unique on a few columns gives a predicate ("a = x and
  b = y ..."); it succeeds when exactly one target record matches it;
* linkability: the columns are split into two halves held by two parties; for a target
  record the nearest synthetic record on each half is found; the attack succeeds when
  both halves point to the same synthetic record;
* inference: knowing every column but a secret one, the attacker takes the nearest
  synthetic record's secret; it succeeds on an exact match (category) or within 5% of
  the range (number).

Training targets are sampled to the holdout's size so both rates come from equal-sized
tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.i18n import N_
from synth.metrics.base import CONTINUOUS_TYPES, STATISTICAL_TYPES, continuous_values
from synth.metrics.distance import distances_to_closest
from synth.metrics.intervals import wilson_interval
from synth.metrics.privacy.dcr import comparable_frame, sample_rows

DEFAULT_ATTACKS = 2_000
DEFAULT_SYNTHETIC_ROWS = 5_000
_PREDICATE_COLUMNS = 3
_NUMERIC_TOLERANCE = 0.05
# The risks' keys in results, and how people read them.
RISK_LABELS = {
    "singling_out": N_("singling out"),
    "linkability": N_("linkability"),
    "inference": N_("inference"),
}


def risk_from_rates(attack_successes: int, control_successes: int, trials: int, control_trials: int) -> dict:
    """Risk = (attack - control) / (1 - control), with a 95% interval from both Wilson intervals."""
    attack = attack_successes / trials if trials else 0.0
    control = control_successes / control_trials if control_trials else 0.0
    attack_low, attack_high = wilson_interval(attack_successes, trials)
    control_low, control_high = wilson_interval(control_successes, control_trials)

    def risk(a: float, c: float) -> float:
        return 0.0 if c >= 1.0 else float(np.clip((a - c) / (1.0 - c), 0.0, 1.0))

    return {
        "value": risk(attack, control),
        "ci95": [risk(attack_low, control_high), risk(attack_high, control_low)],
        "attack_rate": attack,
        "control_rate": control,
        "n_attacks": int(trials),
    }


def _row_keys(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    return pd.util.hash_pandas_object(frame[columns], index=False).to_numpy()


def singling_out(synthetic, train, control, column_types, *, n_attacks=DEFAULT_ATTACKS, seed=0) -> dict:
    """Predicates that single out a synthetic record, tried on training and control records."""
    rng = np.random.default_rng(seed)
    columns = [c for c, t in column_types.items() if t in STATISTICAL_TYPES]
    width = min(_PREDICATE_COLUMNS, len(columns))
    tables = [comparable_frame(t[columns], column_types) for t in (synthetic, train, control)]
    attack_hits = control_hits = trials = 0
    subsets = max(1, min(50, n_attacks // 20))
    per_subset = int(np.ceil(n_attacks / subsets))
    for _ in range(subsets):
        subset = list(rng.choice(columns, size=width, replace=False))
        keys = [_row_keys(t, subset) for t in tables]
        values, counts = np.unique(keys[0], return_counts=True)
        unique_keys = values[counts == 1]
        if unique_keys.size == 0:
            continue
        chosen = rng.choice(unique_keys, size=min(per_subset, unique_keys.size), replace=False)
        for target_keys, is_control in ((keys[1], False), (keys[2], True)):
            found, found_counts = np.unique(target_keys, return_counts=True)
            position = np.searchsorted(found, chosen).clip(0, max(found.size - 1, 0))
            singled = (found.size > 0) & (found[position] == chosen) & (found_counts[position] == 1)
            if is_control:
                control_hits += int(singled.sum())
            else:
                attack_hits += int(singled.sum())
        trials += chosen.size
    return risk_from_rates(attack_hits, control_hits, trials, trials)


def linkability(synthetic, train, control, column_types, *, n_attacks=DEFAULT_ATTACKS, seed=0) -> dict:
    """Two halves of a target's columns, each linked to its nearest synthetic record."""
    rng = np.random.default_rng(seed)
    columns = [c for c, t in column_types.items() if t in STATISTICAL_TYPES]
    if len(columns) < 2:
        return risk_from_rates(0, 0, 0, 0)
    shuffled = list(rng.permutation(columns))
    halves = [shuffled[: len(shuffled) // 2], shuffled[len(shuffled) // 2 :]]
    reference = sample_rows(synthetic, DEFAULT_SYNTHETIC_ROWS, rng)
    hits = []
    for targets in (sample_rows(train, n_attacks, rng), sample_rows(control, n_attacks, rng)):
        nearest = [
            distances_to_closest(targets, reference, {c: column_types[c] for c in half})[2] for half in halves
        ]
        hits.append((int((nearest[0] == nearest[1]).sum()), len(targets)))
    return risk_from_rates(hits[0][0], hits[1][0], hits[0][1], hits[1][1])


def inference(synthetic, train, control, column_types, secret, *, n_attacks=DEFAULT_ATTACKS, seed=0) -> dict:
    """Guess ``secret`` of a target from its nearest synthetic record on the other columns."""
    rng = np.random.default_rng(seed)
    known = {c: t for c, t in column_types.items() if t in STATISTICAL_TYPES and c != secret}
    if not known:
        return risk_from_rates(0, 0, 0, 0)
    reference = sample_rows(synthetic, DEFAULT_SYNTHETIC_ROWS, rng)
    numeric = column_types.get(secret) in CONTINUOUS_TYPES
    if numeric:
        spread = np.nanmax(continuous_values(train[secret])) - np.nanmin(continuous_values(train[secret]))
    hits = []
    for targets in (sample_rows(train, n_attacks, rng), sample_rows(control, n_attacks, rng)):
        nearest = distances_to_closest(targets, reference, known)[2]
        if numeric:
            guess = continuous_values(reference[secret])[nearest]
            truth = continuous_values(targets[secret])
            good = np.abs(guess - truth) <= _NUMERIC_TOLERANCE * spread
            good |= np.isnan(guess) & np.isnan(truth)
        else:
            guess = comparable_frame(reference[[secret]], column_types)[secret].to_numpy()[nearest]
            truth = comparable_frame(targets[[secret]], column_types)[secret].to_numpy()
            good = pd.Series(guess).eq(pd.Series(truth)).to_numpy() | (pd.isna(guess) & pd.isna(truth))
        hits.append((int(good.sum()), len(targets)))
    return risk_from_rates(hits[0][0], hits[1][0], hits[0][1], hits[1][1])


def privacy_risks(
    synthetic, train, holdout, column_types, *, secret=None, n_attacks=DEFAULT_ATTACKS, seed=0
) -> dict:
    """All three risks; training targets are sampled to the holdout's size.

    Args:
        secret: the column the inference attack guesses (default: the last statistical
            column, usually the label).
    """
    rng = np.random.default_rng(seed)
    train_targets = sample_rows(train, len(holdout), rng)
    columns = [c for c, t in column_types.items() if t in STATISTICAL_TYPES]
    secret = secret if secret in columns else (columns[-1] if columns else None)
    result = {
        "singling_out": singling_out(
            synthetic, train_targets, holdout, column_types, n_attacks=n_attacks, seed=seed
        ),
        "linkability": linkability(
            synthetic, train_targets, holdout, column_types, n_attacks=n_attacks, seed=seed
        ),
    }
    if secret is not None:
        result["inference"] = inference(
            synthetic, train_targets, holdout, column_types, secret, n_attacks=n_attacks, seed=seed
        )
        result["inference"]["secret"] = secret
    else:
        result["inference"] = risk_from_rates(0, 0, 0, 0)
    return result
