"""Privacy against the holdout: exact copies and distance to closest record (DCR).

* Exact-match rate: the share of synthetic rows identical to some training row in every
  statistical column (missing equals missing). Rows are hashed once and joined, so it
  runs on full tables.
* DCR: for sampled synthetic rows, is the nearest training row closer than the nearest
  holdout row? A generator that did not memorise its training data puts about half of
  them closer to the training rows; the share is reported with a Wilson 95% interval.
  The score ``min(2 * (1 - share), 1)`` and the share are SDMetrics'
  ``DCROverfittingProtection`` (same distance, see ``synth.metrics.distance``, and the
  same sampling: equally many training and holdout rows), with one deliberate change:
  numeric columns are scaled by the training table's range for both references, where
  SDMetrics scales each by its own. With two scales, a holdout whose range happens to be
  wider makes every holdout distance shorter, which moves the share away from 0.5 by
  more than sampling noise on small tables (on 20 pairs of independent 300-row tables
  the share's spread was 0.039 with SDMetrics' scaling, 0.024 with one scale).
  ``scale="reference"`` gives SDMetrics' number exactly. Medians of synthetic->train and
  holdout->train distances, and the nearest-neighbour distance ratio (NNDR: nearest over
  second-nearest; near 0 means a row sits on top of one training record), complete it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_, Msg
from synth.metrics.base import CONTINUOUS_TYPES, STATISTICAL_TYPES, continuous_values
from synth.metrics.distance import column_ranges, distances_to_closest
from synth.metrics.intervals import wilson_interval

DEFAULT_QUERY_ROWS = 3_000
DEFAULT_REFERENCE_ROWS = 10_000


def comparable_frame(frame: pd.DataFrame, column_types: dict[str, str]) -> pd.DataFrame:
    """Columns in a form where equal values hash equally (39 == 39.0, True == 'True')."""
    out = {}
    for column in frame.columns:
        if column_types.get(column) in CONTINUOUS_TYPES:
            out[column] = continuous_values(frame[column])
        else:
            values = frame[column]
            out[column] = values.astype(str).where(values.notna(), None)
    return pd.DataFrame(out, index=frame.index)


def exact_match_rate(train: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str]) -> float:
    """Share of synthetic rows equal to some training row in every shared statistical column.

    Id and text columns are left out: a copied person with a fresh id is still a copy.
    """
    if len(synthetic) == 0:
        return 0.0
    columns = [
        c for c in synthetic.columns if c in train.columns and column_types.get(c) in STATISTICAL_TYPES
    ]
    train_hash = pd.util.hash_pandas_object(
        comparable_frame(train[columns], column_types), index=False
    ).to_numpy()
    synthetic_hash = pd.util.hash_pandas_object(
        comparable_frame(synthetic[columns], column_types), index=False
    ).to_numpy()
    return float(np.isin(synthetic_hash, train_hash).mean())


def sample_rows(frame: pd.DataFrame, size: int, rng: np.random.Generator) -> pd.DataFrame:
    if len(frame) <= size:
        return frame
    return frame.iloc[np.sort(rng.choice(len(frame), size=size, replace=False))]


def _nndr(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    # Both distances 0 means duplicates of a training record: the riskiest case, ratio 0.
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(second > 0, first / second, 0.0)


def dcr_share(
    train: pd.DataFrame,
    synthetic: pd.DataFrame,
    holdout: pd.DataFrame,
    column_types: dict[str, str],
    *,
    rows: int | None = None,
    seed: int = 0,
    scale: str = "train",
) -> float:
    """Only the share of synthetic rows closer to training than to holdout.

    With ``rows`` every table is sampled to that many rows, as SDMetrics'
    ``num_rows_subsample`` does; with ``scale="reference"`` the share is SDMetrics'.
    """
    types = {c: t for c, t in column_types.items() if t in STATISTICAL_TYPES}
    rng = np.random.default_rng(seed)
    if rows is not None:
        synthetic, train, holdout = (sample_rows(t, rows, rng) for t in (synthetic, train, holdout))
    train_ranges = column_ranges(train, types)
    to_train = distances_to_closest(synthetic, train, types, train_ranges)[0]
    to_holdout = distances_to_closest(synthetic, holdout, types, train_ranges if scale == "train" else None)[
        0
    ]
    return float((to_train < to_holdout).mean())


def dcr(
    train: pd.DataFrame,
    synthetic: pd.DataFrame,
    holdout: pd.DataFrame,
    column_types: dict[str, str],
    *,
    query_rows: int = DEFAULT_QUERY_ROWS,
    reference_rows: int = DEFAULT_REFERENCE_ROWS,
    seed: int = 0,
    scale: str = "train",
) -> dict:
    """Distance-to-closest-record evidence against the holdout.

    Args:
        train, synthetic, holdout: the three tables (same columns).
        column_types: column -> type; only statistical columns are used.
        query_rows: synthetic (and holdout) rows sampled as queries.
        reference_rows: training and holdout rows sampled as references, equally many of
            each so that "closer to training" is a fair coin when nothing leaked.
        seed: sampling seed.
        scale: "train" (numeric ranges of the training sample for both references) or
            "reference" (each reference's own ranges, as SDMetrics).
    """
    types = {c: t for c, t in column_types.items() if t in STATISTICAL_TYPES}
    rng = np.random.default_rng(seed)
    reference_size = min(len(train), len(holdout), reference_rows)
    train_ref = sample_rows(train, reference_size, rng)
    holdout_ref = sample_rows(holdout, reference_size, rng)
    query = sample_rows(synthetic, query_rows, rng)
    if scale not in ("train", "reference"):
        raise InputError(Msg("scale must be 'train' or 'reference', not {scale}", scale=repr(scale)))
    train_ranges = column_ranges(train_ref, types)
    to_train, second_train, _ = distances_to_closest(query, train_ref, types, train_ranges)
    to_holdout, _, _ = distances_to_closest(
        query, holdout_ref, types, train_ranges if scale == "train" else None
    )
    holdout_query = sample_rows(holdout, query_rows, rng)
    holdout_to_train, holdout_second, _ = distances_to_closest(holdout_query, train_ref, types, train_ranges)
    closer = int((to_train < to_holdout).sum())
    share = closer / len(query) if len(query) else float("nan")
    return {
        "closer_to_training_share": share,
        "ci95": list(wilson_interval(closer, len(query))),
        "score": min(2.0 * (1.0 - share), 1.0),
        "median_synthetic_to_train": float(np.median(to_train)),
        "median_holdout_to_train": float(np.median(holdout_to_train)),
        "nndr_median_synthetic": float(np.median(_nndr(to_train, second_train))),
        "nndr_median_holdout": float(np.median(_nndr(holdout_to_train, holdout_second))),
        "sample_size": int(len(query)),
        "reference_size": int(reference_size),
        "distance": N_(
            "Gower-like mean: numeric |x-y|/range capped at 1, categorical 0/1, missing vs present 1"
        ),
        "histogram": distance_histogram(to_train, holdout_to_train),
    }


HISTOGRAM_BINS = 30


def distance_histogram(synthetic_to_train: np.ndarray, holdout_to_train: np.ndarray) -> dict:
    """Counts of both distance samples on shared bins over [0, max], for the DCR chart."""
    top = float(max(np.max(synthetic_to_train, initial=0.0), np.max(holdout_to_train, initial=0.0))) or 1.0
    edges = np.linspace(0.0, top, HISTOGRAM_BINS + 1)
    return {
        "edges": [float(e) for e in edges],
        "synthetic_to_train": np.histogram(synthetic_to_train, edges)[0].astype(int).tolist(),
        "holdout_to_train": np.histogram(holdout_to_train, edges)[0].astype(int).tolist(),
    }
