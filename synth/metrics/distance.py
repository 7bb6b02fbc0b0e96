"""The mixed-type distance used by the privacy metrics, and a fast exact nearest-neighbour search.

Distance between a row ``x`` and a reference row ``y`` is the one SDMetrics' DCR metrics
use (a Gower-like mean over the statistical columns):

* numerical / datetime column: ``min(|x - y| / range, 1)``, where ``range`` is the
  reference table's max - min of that column (callers may pass other ranges: the DCR
  share uses the training table's for both references); a column constant in it
  scores 0 when equal and 1 otherwise;
* categorical / boolean column: 0 when equal, 1 otherwise;
* a value missing on exactly one side scores 1, missing on both sides scores 0;
* the row distance is the mean over the columns, so it lies in [0, 1].

SDMetrics computes it with a pandas cross join per 1,000 x 1,000 block. This module keeps
the definition but evaluates it on numpy arrays, in cache-sized blocks, in place, on all
cores, and keeps the two smallest distances per row (for DCR and the nearest-neighbour
distance ratio). The cap at 1 rules out a KD-tree or sklearn's NearestNeighbors (the
capped per-column term does not give a norm they can prune with), so the search is
brute force, vectorised; callers sample large tables.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import N_
from synth.metrics.base import CONTINUOUS_TYPES, DISCRETE_TYPES, continuous_values, shared_codes

# A missing numeric value is moved this far away (in range units) so the cap turns any
# comparison with a present value into 1 and two missing values into 0.
_MISSING = 1e12
_BLOCK_CELLS = 131072


@dataclass
class Encoded:
    """Rows of a query table and a reference table, coded for the distance."""

    query_numeric: np.ndarray  # (n_query, k) values divided by the reference range
    reference_numeric: np.ndarray
    query_codes: np.ndarray  # (n_query, m) integer category codes, missing is a code
    reference_codes: np.ndarray
    n_columns: int


def column_ranges(frame: pd.DataFrame, column_types: dict[str, str]) -> dict[str, float]:
    """max - min of every numerical and datetime column (NaN when it has no values)."""
    ranges = {}
    for column, column_type in column_types.items():
        if column_type in CONTINUOUS_TYPES:
            values = continuous_values(frame[column])
            ranges[column] = (
                float(np.nanmax(values) - np.nanmin(values)) if np.isfinite(values).any() else float("nan")
            )
    return ranges


def encode(
    query: pd.DataFrame,
    reference: pd.DataFrame,
    column_types: dict[str, str],
    ranges: dict[str, float] | None = None,
) -> Encoded:
    """Code both tables for :func:`nearest_two`.

    Args:
        ranges: the range that scales each numeric column; default, as SDMetrics, the
            reference table's own ranges.
    """
    ranges = ranges if ranges is not None else column_ranges(reference, column_types)
    numeric, codes_query, codes_reference = [], [], []
    n_columns = 0

    def add_codes(q_codes, r_codes, _size):
        codes_query.append(q_codes)
        codes_reference.append(r_codes)

    for column, column_type in column_types.items():
        if column_type in CONTINUOUS_TYPES:
            q, r = continuous_values(query[column]), continuous_values(reference[column])
            spread = ranges[column]
            if not spread > 0:
                # Constant (or empty) in the reference: equal or not, like a category.
                add_codes(*shared_codes(pd.Series(q), pd.Series(r)))
            else:
                numeric.append(
                    (np.where(np.isnan(q), _MISSING, q / spread), np.where(np.isnan(r), _MISSING, r / spread))
                )
            n_columns += 1
        elif column_type in DISCRETE_TYPES:
            add_codes(*shared_codes(query[column], reference[column]))
            n_columns += 1
    if n_columns == 0:
        raise InputError(N_("no numerical, categorical, boolean or datetime column to measure distances on"))

    def stack(parts, rows, dtype):
        return np.column_stack(parts).astype(dtype) if parts else np.empty((rows, 0), dtype=dtype)

    return Encoded(
        query_numeric=stack([p[0] for p in numeric], len(query), np.float64),
        reference_numeric=stack([p[1] for p in numeric], len(reference), np.float64),
        query_codes=stack(codes_query, len(query), np.int32),
        reference_codes=stack(codes_reference, len(reference), np.int32),
        n_columns=n_columns,
    )


def nearest_two(encoded: Encoded) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per query row: smallest distance, second-smallest distance, index of the nearest reference row."""
    n_query = len(encoded.query_numeric)
    first = np.full(n_query, np.inf)
    second = np.full(n_query, np.inf)
    nearest = np.full(n_query, -1, dtype=np.int64)
    workers = max(1, min(os.cpu_count() or 1, 4))
    bounds = np.linspace(0, n_query, workers + 1).astype(int)
    # numpy releases the GIL inside ufuncs, so threads use every core.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(
            pool.map(
                lambda i: _scan(encoded, bounds[i], bounds[i + 1], first, second, nearest), range(workers)
            )
        )
    return first, second, nearest


def _scan(
    encoded: Encoded, begin: int, end: int, first: np.ndarray, second: np.ndarray, nearest: np.ndarray
) -> None:
    n_reference = len(encoded.reference_numeric)
    # Small blocks stay in cache, so the four passes per column cost little memory traffic.
    block = max(1, _BLOCK_CELLS // max(n_reference, 1))
    total = np.empty((block, n_reference))
    term = np.empty((block, n_reference))
    mismatches = np.empty(
        (block, n_reference), dtype=np.uint8 if encoded.query_codes.shape[1] < 256 else np.uint16
    )
    flags = np.empty((block, n_reference), dtype=bool)
    low = encoded.reference_numeric.min(axis=0, initial=np.inf)
    high = encoded.reference_numeric.max(axis=0, initial=-np.inf)
    uncapped = (high - low <= 1.0) & (high < _MISSING)
    for start in range(begin, end, block):
        stop = min(start + block, end)
        size = stop - start
        acc, scratch = total[:size], term[:size]
        acc.fill(0.0)
        for j in range(encoded.query_numeric.shape[1]):
            column = encoded.query_numeric[start:stop, j]
            np.subtract(column[:, None], encoded.reference_numeric[None, :, j], out=scratch)
            np.abs(scratch, out=scratch)
            # The cap at 1 cannot bind when the block lies inside a reference span of at most 1.
            if not (uncapped[j] and low[j] <= column.min() and column.max() <= high[j]):
                np.minimum(scratch, 1.0, out=scratch)
            acc += scratch
        if encoded.query_codes.shape[1]:
            # Count mismatches in bytes, then add once: an eighth of the memory traffic.
            counts, unequal = mismatches[:size], flags[:size]
            counts.fill(0)
            for j in range(encoded.query_codes.shape[1]):
                np.not_equal(
                    encoded.query_codes[start:stop, j, None], encoded.reference_codes[None, :, j], out=unequal
                )
                np.add(counts, unequal, out=counts)
            acc += counts
        acc /= encoded.n_columns
        if n_reference == 0:
            continue
        nearest[start:stop] = acc.argmin(axis=1)
        if n_reference >= 2:
            two = np.partition(acc, 1, axis=1)[:, :2]
            first[start:stop], second[start:stop] = two[:, 0], two[:, 1]
        else:
            first[start:stop] = acc[:, 0]


def distances_to_closest(
    query: pd.DataFrame,
    reference: pd.DataFrame,
    column_types: dict[str, str],
    ranges: dict[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """DCR, second-closest distance and nearest row index of every ``query`` row in ``reference``."""
    return nearest_two(encode(query, reference, column_types, ranges))
