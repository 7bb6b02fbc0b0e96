"""Privacy against the holdout: exact copies and distance to closest record (DCR), each beside
a baseline measured the same way on real rows the generator never saw.

* Exact matches: the share of synthetic rows identical to some training row in every
  statistical column (missing equals missing), and beside it the same share for the holdout
  rows. Real people can share every attribute (on UCI Adult about 0.1% of new rows equal a
  training row), so the evidence is the **excess** of the synthetic rate over the holdout's,
  with Newcombe's 95% interval (``synth.metrics.privacy.intervals``). Rows are hashed once
  and joined, so it runs on full tables.
* DCR: is a query row's nearest training row closer than its nearest row in the holdout's
  reference half? The holdout is split at random into a reference half and a query half
  (``synth.metrics.privacy.neighbours``). Synthetic queries and holdout queries are measured
  identically: distance to the **whole** training table and to the reference half. The
  synthetic share closer to training is compared with the holdout queries' share (the
  baseline), and the evidence is their difference with Newcombe's 95% interval.

  Why this design: the training reference must be whole, or a copied row misses its own
  source (with the training table cut to the holdout's size, a full copy of a 20k table
  with a 5k holdout read only 0.62). But a whole training table is larger than any holdout,
  so it is closer by sheer size and a leak-free share sits far above 0.5 (about 0.8-0.9 on
  Adult); only the same measurement on real unseen rows says where "no leak" lies. The
  holdout queries cannot be compared with the holdout they came from, hence the split; the
  training reference's size advantage is identical for both query sets, so it cancels in the
  difference. A memorising generator puts its rows on top of training rows (share near 1),
  a leak-free one gives the baseline share up to sampling noise.

  Medians of query->train distances and the nearest-neighbour distance ratio (NNDR:
  nearest over second-nearest training distance; near 0 means a row sits on one training
  record) are reported for both query sets.
* ``dcr_share`` keeps SDMetrics' ``DCROverfittingProtection`` share (equal-sized training
  and holdout samples) for comparison with that library; ``scale="reference"`` gives
  SDMetrics' number exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.i18n import N_
from synth.metrics.base import CONTINUOUS_TYPES, STATISTICAL_TYPES, continuous_values
from synth.metrics.distance import column_ranges, distances_to_closest
from synth.metrics.intervals import wilson_interval
from synth.metrics.privacy.intervals import difference_interval
from synth.metrics.privacy.neighbours import DEFAULT_QUERIES, Neighbours, find_neighbours, sample_rows
from synth.metrics.privacy.row_keys import RowCodes

__all__ = ["sample_rows"]


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
    return _exact_match_count(train, synthetic, column_types) / len(synthetic) if len(synthetic) else 0.0


def exact_matches(
    train: pd.DataFrame, synthetic: pd.DataFrame, holdout: pd.DataFrame, column_types: dict[str, str]
) -> dict:
    """Synthetic and holdout exact-match rates against training, and the synthetic excess with its CI."""
    columns = _match_columns(train, synthetic, column_types)
    train_keys, synthetic_keys, holdout_keys = RowCodes(
        [train, synthetic, holdout], columns, column_types
    ).keys(columns)
    synthetic_hits = int(np.isin(synthetic_keys, train_keys).sum())
    holdout_hits = int(np.isin(holdout_keys, train_keys).sum())
    return {
        "rate": synthetic_hits / len(synthetic) if len(synthetic) else 0.0,
        "baseline_rate": holdout_hits / len(holdout) if len(holdout) else 0.0,
        "excess": difference_interval(synthetic_hits, len(synthetic), holdout_hits, len(holdout)),
        "synthetic_rows": int(len(synthetic)),
        "holdout_rows": int(len(holdout)),
    }


def _match_columns(train: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str]) -> list[str]:
    return [c for c in synthetic.columns if c in train.columns and column_types.get(c) in STATISTICAL_TYPES]


def _exact_match_count(train: pd.DataFrame, synthetic: pd.DataFrame, column_types: dict[str, str]) -> int:
    if len(synthetic) == 0:
        return 0
    columns = _match_columns(train, synthetic, column_types)
    train_keys, synthetic_keys = RowCodes([train, synthetic], columns, column_types).keys(columns)
    return int(np.isin(synthetic_keys, train_keys).sum())


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
    queries: int = DEFAULT_QUERIES,
    seed: int = 0,
) -> dict:
    """DCR against its baseline (see the module docstring); draws its own samples."""
    return dcr_from(find_neighbours(train, synthetic, holdout, column_types, queries=queries, seed=seed))


def dcr_from(found: Neighbours) -> dict:
    """DCR evidence from searches already run.

    Returns ``closer_to_training_share`` and ``ci95`` (synthetic queries), ``baseline_share``
    and ``baseline_ci95`` (holdout queries), ``difference`` ``{value, ci95}``, medians of the
    distances to training and NNDR for both, ``query_size``, ``baseline_query_size``,
    ``reference_size`` (holdout reference half), ``train_size``, and ``histogram`` (shares).
    """
    to_train, second = found.synthetic_to_train
    holdout_to_train, holdout_second = found.holdout_to_train
    closer = int((to_train < found.synthetic_to_reference).sum())
    baseline = int((holdout_to_train < found.holdout_to_reference).sum())
    queries, baseline_queries = len(to_train), len(holdout_to_train)

    def median(values: np.ndarray) -> float | None:
        return float(np.median(values)) if len(values) else None

    return {
        "closer_to_training_share": closer / queries if queries else float("nan"),
        "ci95": wilson_interval(closer, queries),
        "baseline_share": baseline / baseline_queries if baseline_queries else float("nan"),
        "baseline_ci95": wilson_interval(baseline, baseline_queries),
        "difference": difference_interval(closer, queries, baseline, baseline_queries),
        "median_synthetic_to_train": median(to_train),
        "median_holdout_to_train": median(holdout_to_train),
        "nndr_median_synthetic": median(_nndr(to_train, second)),
        "nndr_median_holdout": median(_nndr(holdout_to_train, holdout_second)),
        "query_size": int(queries),
        "sample_size": int(queries),
        "baseline_query_size": int(baseline_queries),
        "reference_size": int(len(found.holdout_reference)),
        "train_size": int(found.train_rows),
        "distance": N_(
            "Gower-like mean: numeric |x-y|/range capped at 1, categorical 0/1, missing vs present 1"
        ),
        "histogram": distance_histogram(to_train, holdout_to_train),
    }


HISTOGRAM_BINS = 30


def distance_histogram(synthetic_to_train: np.ndarray, holdout_to_train: np.ndarray) -> dict:
    """Shares of both distance samples on shared bins over [0, max], for the DCR chart.

    Shares, not counts, so query sets of different sizes compare at a glance.
    """
    top = float(max(np.max(synthetic_to_train, initial=0.0), np.max(holdout_to_train, initial=0.0))) or 1.0
    edges = np.linspace(0.0, top, HISTOGRAM_BINS + 1)

    def shares(values: np.ndarray) -> list[float]:
        counts = np.histogram(values, edges)[0]
        return (counts / max(len(values), 1)).tolist()

    return {
        "edges": [float(e) for e in edges],
        "synthetic_to_train": shares(synthetic_to_train),
        "holdout_to_train": shares(holdout_to_train),
        "synthetic_rows": int(len(synthetic_to_train)),
        "holdout_rows": int(len(holdout_to_train)),
    }
