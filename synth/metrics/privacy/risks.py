"""The three re-identification risks of the Article 29 Working Party (Opinion 05/2014).

Each is measured as in Giomi et al. (2022), "A Unified Framework for Quantifying Privacy
Risk in Synthetic Data" (the paper behind the ``anonymeter`` package): an attack that uses
only the synthetic data is run against training records and, as a control, against
holdout records the generator never saw. With attack success rate ``a`` and control rate
``c``, the risk is ``(a - c) / (1 - c)``; its 95% interval is anonymeter's (Wilson-centred
rates, errors propagated; ``synth.metrics.privacy.intervals.residual_risk``). ``anonymeter``
pins older numpy and pyarrow than this project uses, so the attacks are implemented here,
vectorised, and compared with anonymeter run in its own environment
(``benchmarks/bench_anonymeter.py``).

The attacker's data is **every synthetic row** (a sample would hide a copied record from
its own target). Targets are drawn from their own random streams, independent of the
synthetic table's order (``synth.metrics.privacy.neighbours``).

* singling out: a synthetic record unique on a few columns gives a predicate ("a = x and
  b = y ..."); it succeeds when exactly one target record matches it. Training targets are
  a sample of the holdout's size, so both rates come from equal-sized tables;
* linkability: the columns are split into two halves held by two parties; for a target
  record the nearest synthetic record on each half is found; the attack succeeds when
  both halves point to the same synthetic record (anonymeter with ``n_neighbors=1``);
* inference: knowing every column but a secret one, the attacker takes the nearest
  synthetic record's secret; it succeeds on an exact match (category) or within 5% of
  the training range (number).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.metrics.base import CONTINUOUS_TYPES, continuous_values
from synth.metrics.privacy.dcr import comparable_frame
from synth.metrics.privacy.intervals import residual_risk
from synth.metrics.privacy.neighbours import DEFAULT_QUERIES, Neighbours, find_neighbours, sample_rows
from synth.metrics.privacy.row_keys import RowCodes

DEFAULT_PREDICATES = 2_000
_PREDICATE_COLUMNS = 3
_NUMERIC_TOLERANCE = 0.05


def singling_out(synthetic, train, control, column_types, *, n_attacks=DEFAULT_PREDICATES, seed=0) -> dict:
    """Predicates that single out a synthetic record, tried on training targets and control records.

    ``train`` should have as many rows as ``control`` (a predicate singles out more easily
    in a smaller table).
    """
    rng = np.random.default_rng(seed)
    columns = list(column_types)
    width = min(_PREDICATE_COLUMNS, len(columns))
    codes = RowCodes([synthetic, train, control], columns, column_types)
    attack_hits = control_hits = trials = 0
    subsets = max(1, min(50, n_attacks // 20))
    per_subset = int(np.ceil(n_attacks / subsets))
    for _ in range(subsets):
        subset = list(rng.choice(columns, size=width, replace=False))
        keys = codes.keys(subset)
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
    return residual_risk(attack_hits, trials, control_hits, trials)


def linkability_from(found: Neighbours) -> dict:
    """Both halves of a target's columns lead to the same synthetic record."""
    if found.halves is None:
        return residual_risk(0, 0, 0, 0)
    hits = [
        int((side["half_a"][2] == side["half_b"][2]).sum())
        for side in (found.members_to_synthetic, found.holdout_to_synthetic)
    ]
    result = residual_risk(hits[0], len(found.members), hits[1], len(found.holdout_queries))
    result["halves"] = found.halves
    return result


def inference_from(found: Neighbours) -> dict:
    """Guess the secret column of a target from its nearest synthetic record on the other columns."""
    secret = found.secret
    if secret is None or len(found.types) < 2:
        return residual_risk(0, 0, 0, 0)
    numeric = found.types[secret] in CONTINUOUS_TYPES
    if numeric:
        values = continuous_values(found.synthetic[secret])
        spread = np.nanmax(values) - np.nanmin(values) if np.isfinite(values).any() else 0.0
    else:
        values = comparable_frame(found.synthetic[[secret]], found.types)[secret].to_numpy()
    hits = []
    for targets, side in (
        (found.members, found.members_to_synthetic),
        (found.holdout_queries, found.holdout_to_synthetic),
    ):
        guess = values[side["known"][2]]
        if numeric:
            truth = continuous_values(targets[secret])
            good = np.abs(guess - truth) <= _NUMERIC_TOLERANCE * spread
            good |= np.isnan(guess) & np.isnan(truth)
        else:
            truth = comparable_frame(targets[[secret]], found.types)[secret].to_numpy()
            good = pd.Series(guess).eq(pd.Series(truth)).to_numpy() | (pd.isna(guess) & pd.isna(truth))
        hits.append(int(good.sum()))
    result = residual_risk(hits[0], len(found.members), hits[1], len(found.holdout_queries))
    result["secret"] = secret
    return result


def risks_from(found: Neighbours, train: pd.DataFrame, holdout: pd.DataFrame, *, seed: int = 0) -> dict:
    """All three risks from searches already run (singling out needs none)."""
    target_rng, predicate_seed = np.random.SeedSequence([seed, 1]).spawn(2)
    train_targets = sample_rows(train, len(holdout), np.random.default_rng(target_rng))
    return {
        "singling_out": singling_out(
            found.synthetic,
            train_targets,
            holdout,
            found.types,
            seed=int(predicate_seed.generate_state(1)[0]),
        ),
        "linkability": linkability_from(found),
        "inference": inference_from(found),
    }


def privacy_risks(
    synthetic, train, holdout, column_types, *, secret=None, queries=DEFAULT_QUERIES, seed=0
) -> dict:
    """All three risks; draws its own samples (see ``synth.metrics.privacy.neighbours``).

    Args:
        secret: the column the inference attack guesses (default: the last statistical
            column, usually the label).
        queries: linkability and inference targets per side (training, control).
    """
    found = find_neighbours(
        train, synthetic, holdout, column_types, secret=secret, queries=queries, seed=seed
    )
    return risks_from(found, train, holdout, seed=seed)
