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
the definition and gives the same numbers, two ways, keeping the two smallest distances per
row (for DCR and the nearest-neighbour distance ratio):

* first, each query inside its own category combination and those one category away
  (``synth.metrics.grouped_search``): exact whenever the answer found there is nearer than
  any further row can be, which on real tables is almost every query;
* then a brute-force scan for the queries left open, on numpy arrays, in cache-sized blocks,
  in place, on all cores. The cap at 1 rules out a KD-tree over all columns (the capped
  per-column term is no norm it can prune with); the grouped search uses one only inside a
  category group and only where the cap cannot bind.
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
from synth.metrics.grouped_search import search_groups

# A missing numeric value is moved this far away (in range units) so the cap turns any
# comparison with a present value into 1 and two missing values into 0.
_MISSING = 1e12
_BLOCK_CELLS = 131072
_SINGLE_PRECISION_PAIRS = 50_000_000


@dataclass
class Encoded:
    """Rows of a query table and a reference table, coded for the distance."""

    query_numeric: np.ndarray  # (n_query, k) values divided by the reference range
    reference_numeric: np.ndarray
    query_codes: np.ndarray  # (n_query, m) integer category codes, missing is a code
    reference_codes: np.ndarray
    n_columns: int
    numeric_columns: list[str] | None = None  # the column behind each numeric / code column
    code_columns: list[str] | None = None


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
    numeric_columns, code_columns = [], []
    n_columns = 0

    def add_codes(q_codes, r_codes, _size):
        codes_query.append(q_codes)
        codes_reference.append(r_codes)
        code_columns.append(column)

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
                numeric_columns.append(column)
            n_columns += 1
        elif column_type in DISCRETE_TYPES:
            add_codes(*shared_codes(query[column], reference[column]))
            n_columns += 1
    if n_columns == 0:
        raise InputError(N_("no numerical, categorical, boolean or datetime column to measure distances on"))

    def stack(parts, rows, dtype):
        return np.column_stack(parts).astype(dtype) if parts else np.empty((rows, 0), dtype=dtype)

    # Large searches run in single precision: twice the speed, distances within 1e-6 of the
    # double-precision ones, far below any difference the metrics act on.
    real = np.float32 if len(query) * len(reference) > _SINGLE_PRECISION_PAIRS else np.float64
    return Encoded(
        query_numeric=stack([p[0] for p in numeric], len(query), real),
        reference_numeric=stack([p[1] for p in numeric], len(reference), real),
        query_codes=stack(codes_query, len(query), np.int32),
        reference_codes=stack(codes_reference, len(reference), np.int32),
        n_columns=n_columns,
        numeric_columns=numeric_columns,
        code_columns=code_columns,
    )


def nearest_two(encoded: Encoded) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per query row: smallest distance, second-smallest distance, index of the nearest reference row."""
    return nearest_in_views(encoded, [None])[0]


def nearest_in_views(encoded: Encoded, views: list[list[str] | None], *, second: bool = True) -> list[tuple]:
    """:func:`nearest_two` for several column subsets ("views"): exact, fast where it can be.

    Each view is a list of columns (None: all of them); its distance is the mean over its
    own columns. Each query is first searched inside its own category combination
    (``synth.metrics.grouped_search``), which settles it exactly when the answer there is
    nearer than any other combination can be; the queries it leaves open are scanned by
    brute force (:func:`scan_in_views`). With ``second=False`` the second-nearest distance
    is not needed, more queries settle early, and the second array holds NaN.
    """
    numeric_columns = _column_names(encoded.numeric_columns, encoded.query_numeric.shape[1])
    code_columns = _column_names(encoded.code_columns, encoded.query_codes.shape[1])
    results = []
    for view in views:
        numeric = [j for j, c in enumerate(numeric_columns) if view is None or c in view]
        codes = [j for j, c in enumerate(code_columns) if view is None or c in view]
        size = len(numeric) + len(codes)
        if size == 0:
            raise InputError(N_("a column subset for the distance has no usable column"))
        part = search_groups(
            encoded.query_numeric[:, numeric],
            encoded.reference_numeric[:, numeric],
            encoded.query_codes[:, codes],
            encoded.reference_codes[:, codes],
            need_second=second,
        )
        first, second_, index = part.first / size, part.second / size, part.index
        rest = np.flatnonzero(~part.resolved)
        if rest.size:
            subset = Encoded(
                query_numeric=encoded.query_numeric[rest][:, numeric],
                reference_numeric=encoded.reference_numeric[:, numeric],
                query_codes=encoded.query_codes[rest][:, codes],
                reference_codes=encoded.reference_codes[:, codes],
                n_columns=size,
            )
            first[rest], second_[rest], index[rest] = scan_in_views(subset, [None])[0]
        if not second:
            second_ = np.full(len(first), np.nan)
        results.append((first, second_, index))
    return results


def _column_names(names: list[str] | None, count: int) -> list[str | None]:
    return list(names) if names is not None else [None] * count


def scan_in_views(encoded: Encoded, views: list[list[str] | None]) -> list[tuple]:
    """Brute-force :func:`nearest_in_views`: every query against every reference row, in one pass.

    Each view is a list of columns (None: all of them); its distance is the mean over its
    own columns. Columns are grouped by the views they belong to, each group's sum is
    computed once per block, and every view adds up its groups, so k views cost little
    more than one.
    """
    numeric_columns = encoded.numeric_columns or [None] * encoded.query_numeric.shape[1]
    code_columns = encoded.code_columns or [None] * encoded.query_codes.shape[1]

    def signature(column) -> tuple[bool, ...]:
        return tuple(view is None or column in view for view in views)

    signatures = sorted({signature(c) for c in [*numeric_columns, *code_columns]})
    numeric_group = np.array([signatures.index(signature(c)) for c in numeric_columns], dtype=int)
    code_group = np.array([signatures.index(signature(c)) for c in code_columns], dtype=int)
    view_groups = [[g for g, sig in enumerate(signatures) if sig[v]] for v in range(len(views))]
    view_sizes = [
        int(np.isin(numeric_group, groups).sum() + np.isin(code_group, groups).sum())
        for groups in view_groups
    ]
    if min(view_sizes, default=1) == 0:
        raise InputError(N_("a column subset for the distance has no usable column"))
    n_query = len(encoded.query_numeric)
    results = [
        (np.full(n_query, np.inf), np.full(n_query, np.inf), np.full(n_query, -1, dtype=np.int64))
        for _ in views
    ]
    plan = _Plan(numeric_group, code_group, len(signatures), view_groups, view_sizes)
    workers = max(1, min(os.cpu_count() or 1, 4))
    bounds = np.linspace(0, n_query, workers + 1).astype(int)
    # numpy releases the GIL inside ufuncs, so threads use every core.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda i: _scan(encoded, plan, bounds[i], bounds[i + 1], results), range(workers)))
    return results


@dataclass
class _Plan:
    numeric_group: np.ndarray
    code_group: np.ndarray
    n_groups: int
    view_groups: list[list[int]]
    view_sizes: list[int]


def _scan(encoded: Encoded, plan: _Plan, begin: int, end: int, results: list[tuple]) -> None:
    n_reference = len(encoded.reference_numeric)
    # Small blocks stay in cache, so the four passes per column cost little memory traffic.
    block = max(1, _BLOCK_CELLS // max(n_reference, 1))
    dtype = encoded.query_numeric.dtype
    sums = [np.empty((block, n_reference), dtype=dtype) for _ in range(plan.n_groups)]
    total = (
        np.empty((block, n_reference), dtype=dtype)
        if len(plan.view_groups) > 1 or plan.n_groups > 1
        else None
    )
    term = np.empty((block, n_reference), dtype=dtype)
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
        scratch = term[:size]
        for group in range(plan.n_groups):
            acc = sums[group][:size]
            acc.fill(0.0)
            for j in np.flatnonzero(plan.numeric_group == group):
                column = encoded.query_numeric[start:stop, j]
                np.subtract(column[:, None], encoded.reference_numeric[None, :, j], out=scratch)
                np.abs(scratch, out=scratch)
                # The cap at 1 cannot bind when the block lies inside a reference span of at most 1.
                if not (uncapped[j] and low[j] <= column.min() and column.max() <= high[j]):
                    np.minimum(scratch, 1.0, out=scratch)
                acc += scratch
            codes = np.flatnonzero(plan.code_group == group)
            if codes.size:
                # Count mismatches in bytes, then add once: an eighth of the memory traffic.
                counts, unequal = mismatches[:size], flags[:size]
                counts.fill(0)
                for j in codes:
                    np.not_equal(
                        encoded.query_codes[start:stop, j, None],
                        encoded.reference_codes[None, :, j],
                        out=unequal,
                    )
                    np.add(counts, unequal, out=counts)
                acc += counts
        if n_reference == 0:
            continue
        rows = np.arange(size)
        for view, groups in enumerate(plan.view_groups):
            if total is None:
                acc = sums[0][:size]
            else:
                acc = total[:size]
                np.copyto(acc, sums[groups[0]][:size])
                for group in groups[1:]:
                    acc += sums[group][:size]
            acc /= plan.view_sizes[view]
            first, second, nearest = results[view]
            best = acc.argmin(axis=1)
            nearest[start:stop] = best
            first[start:stop] = acc[rows, best]
            if n_reference >= 2:
                # Masking the minimum and taking the next is cheaper than a partition.
                acc[rows, best] = np.inf
                second[start:stop] = acc.min(axis=1)


def distances_to_closest(
    query: pd.DataFrame,
    reference: pd.DataFrame,
    column_types: dict[str, str],
    ranges: dict[str, float] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """DCR, second-closest distance and nearest row index of every ``query`` row in ``reference``."""
    return nearest_two(encode(query, reference, column_types, ranges))


def distances_in_views(
    query: pd.DataFrame,
    reference: pd.DataFrame,
    column_types: dict[str, str],
    views: list[list[str] | None],
    ranges: dict[str, float] | None = None,
    *,
    second: bool = True,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`distances_to_closest` for several column subsets at once (see :func:`nearest_in_views`)."""
    return nearest_in_views(encode(query, reference, column_types, ranges), views, second=second)
