"""The samples and nearest-neighbour searches behind the privacy evidence, drawn and run once.

Samples, each from its own random stream (``numpy.random.SeedSequence(seed).spawn``) so no
sample's rows depend on another's, whatever the tables' sizes or order:

* the holdout is split at random into a **reference half** and a **query half**;
* ``holdout_queries``: up to ``queries`` rows of the query half: DCR's baseline queries,
  membership inference's non-members and the attacks' control targets;
* ``members``: as many training rows: membership inference's members and the attacks'
  training targets;
* ``synthetic_queries``: up to ``queries`` synthetic rows: DCR's queries.

Searches (distance of ``synth.metrics.distance``, numeric columns scaled by the training
table's ranges everywhere so every comparison uses one yardstick). The references are
always whole tables: a sample of the synthetic table would hide a copied row from its
source, and a sample of the training table would hide the source from its copy.

* members and holdout queries -> **every synthetic row**, in four column views at once: all
  columns (membership inference), all but the secret (inference attack), and two halves
  (linkability attack);
* synthetic and holdout queries -> **the whole training table** (DCR, and the non-members'
  membership calibration);
* members -> the whole training table but themselves (second neighbour: the members'
  membership calibration);
* synthetic and holdout queries -> the holdout's reference half (DCR baseline).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.metrics.base import STATISTICAL_TYPES
from synth.metrics.distance import column_ranges, distances_in_views

DEFAULT_QUERIES = 2_000


def sample_rows(frame: pd.DataFrame, size: int, rng: np.random.Generator) -> pd.DataFrame:
    """``size`` rows of ``frame`` at random (all of them when it is no larger), in table order."""
    if len(frame) <= size:
        return frame
    return frame.iloc[np.sort(rng.choice(len(frame), size=size, replace=False))]


@dataclass
class Neighbours:
    """Samples and their nearest neighbours (arrays follow the samples' row order)."""

    types: dict[str, str]
    secret: str | None
    halves: list[list[str]] | None
    members: pd.DataFrame
    holdout_queries: pd.DataFrame
    synthetic_queries: pd.DataFrame
    holdout_reference: pd.DataFrame
    synthetic: pd.DataFrame
    train_rows: int
    # (distance, NaN, index) per view, for members and holdout queries -> synthetic (no second needed)
    members_to_synthetic: dict[str, tuple]
    holdout_to_synthetic: dict[str, tuple]
    synthetic_to_train: tuple
    holdout_to_train: tuple
    synthetic_to_reference: np.ndarray
    holdout_to_reference: np.ndarray
    # distance from each member to its closest *other* training row
    members_to_other_train: np.ndarray


def statistical_types(column_types: dict[str, str]) -> dict[str, str]:
    return {c: t for c, t in column_types.items() if t in STATISTICAL_TYPES}


def split_holdout(holdout: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reference half and query half of the holdout, at random."""
    order = rng.permutation(len(holdout))
    half = len(holdout) // 2
    return holdout.iloc[np.sort(order[:half])], holdout.iloc[np.sort(order[half:])]


def find_neighbours(
    train: pd.DataFrame,
    synthetic: pd.DataFrame,
    holdout: pd.DataFrame,
    column_types: dict[str, str],
    *,
    secret: str | None = None,
    queries: int = DEFAULT_QUERIES,
    seed: int = 0,
) -> Neighbours:
    """Draw the samples and run the three searches (see the module docstring)."""
    types = statistical_types(column_types)
    columns = list(types)
    split_rng, holdout_rng, member_rng, synthetic_rng, halves_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)
    )
    reference, query_half = split_holdout(holdout, split_rng)
    holdout_queries = sample_rows(query_half, queries, holdout_rng)
    members = sample_rows(train, len(holdout_queries), member_rng)
    synthetic_queries = sample_rows(synthetic, queries, synthetic_rng)
    secret = secret if secret in types else (columns[-1] if columns else None)
    known = [c for c in columns if c != secret] or columns
    halves = None
    if len(columns) >= 2:
        shuffled = list(halves_rng.permutation(columns))
        halves = [shuffled[: len(shuffled) // 2], shuffled[len(shuffled) // 2 :]]
    views = [None, known, *(halves or [columns, columns])]
    ranges = column_ranges(train, types)

    targets = pd.concat([members[columns], holdout_queries[columns]], ignore_index=True)
    to_synthetic = distances_in_views(targets, synthetic[columns], types, views, ranges, second=False)
    names = ["all", "known", "half_a", "half_b"]
    m = len(members)
    members_to_synthetic = {n: tuple(a[:m] for a in r) for n, r in zip(names, to_synthetic, strict=True)}
    holdout_to_synthetic = {n: tuple(a[m:] for a in r) for n, r in zip(names, to_synthetic, strict=True)}

    dcr_queries = pd.concat([synthetic_queries[columns], holdout_queries[columns]], ignore_index=True)
    first, second, _ = distances_in_views(dcr_queries, train[columns], types, [None], ranges)[0]
    s = len(synthetic_queries)
    to_reference = distances_in_views(dcr_queries, reference[columns], types, [None], ranges, second=False)[
        0
    ][0]
    # A member's closest row in the training table is itself; the second is its closest other.
    (_, members_to_other_train, _), *_ = distances_in_views(
        members[columns], train[columns], types, [None], ranges
    )
    return Neighbours(
        types=types,
        secret=secret,
        halves=halves,
        members=members,
        holdout_queries=holdout_queries,
        synthetic_queries=synthetic_queries,
        holdout_reference=reference,
        synthetic=synthetic,
        train_rows=len(train),
        members_to_synthetic=members_to_synthetic,
        holdout_to_synthetic=holdout_to_synthetic,
        synthetic_to_train=(first[:s], second[:s]),
        holdout_to_train=(first[s:], second[s:]),
        synthetic_to_reference=to_reference[:s],
        holdout_to_reference=to_reference[s:],
        members_to_other_train=members_to_other_train,
    )
