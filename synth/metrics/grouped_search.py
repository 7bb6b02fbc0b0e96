"""An exact shortcut for the mixed-type nearest-neighbour search: look inside the query's own
category combination first.

In the distance of ``synth.metrics.distance`` (summed over a view's columns, before the mean),
every categorical mismatch costs exactly 1, while the numeric part of a pair is the sum of
``min(|x - y|, 1)`` terms. So any reference row whose categories differ from the query's in at
least one column is at least 1 away. If the query's nearest row among the rows with *its own*
category combination (its "group") is closer than 1, no other row can be nearer or tie, and
the search is over: exactly, not approximately. The same holds for the second-nearest
distance when the group gives two rows closer than 1.

Inside a group only the numeric columns remain. Small groups are compared pair by pair. In
large groups a KD-tree (``scipy.spatial.cKDTree``, ``p=1``, exact) finds the nearest rows by
plain L1 distance; for answers below 1 that is the capped distance too (a row with a term
capped at 1 is at least 1 away). A query whose group gives no answer below 1 is searched
again among the rows at most one category away (answers below 2 are then exact); a query
still open after that, or whose category combination is too rare, is left **unresolved**
and the caller runs the brute-force scan for it alone. Ties keep the brute force's rule:
the lowest reference index among the rows at the smallest distance.

On Adult-shaped tables almost every query is resolved in its group, which is what brings the
privacy searches on 100k-row tables within seconds (``benchmarks/bench_evaluate.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

# Groups at most this large are compared pair by pair; larger ones get a KD-tree.
_SMALL_GROUP = 512
# Pairs per vectorised batch of small-group comparisons (bounds the scratch memory).
_PAIR_BATCH = 500_000
# Sums are float64; below 1 by this margin no row of another group (>= 1) can tie.
_MARGIN = 1e-9
# A query with more rows than this one category away is left to the scan.
_ONE_AWAY_ROWS = 50_000


@dataclass
class Partial:
    """Per query: summed distance to the nearest and second-nearest row, the nearest row's index,
    and whether the search settled them (else the caller scans)."""

    first: np.ndarray
    second: np.ndarray
    index: np.ndarray
    resolved: np.ndarray


def group_keys(query_codes: np.ndarray, reference_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One integer per row naming its category combination, shared by both tables."""
    if query_codes.shape[1] == 0:
        return np.zeros(len(query_codes), np.int64), np.zeros(len(reference_codes), np.int64)
    both = np.vstack([reference_codes, query_codes]).astype(np.int64)
    sizes = both.max(axis=0) + 1
    if float(np.prod(sizes.astype(float))) < 2**62:
        keys = np.zeros(len(both), np.int64)
        for column, size in enumerate(sizes):
            keys = keys * size + both[:, column]
    else:
        keys = np.unique(both, axis=0, return_inverse=True)[1].ravel().astype(np.int64)
    return keys[len(reference_codes) :], keys[: len(reference_codes)]


def search_groups(
    query_numeric: np.ndarray,
    reference_numeric: np.ndarray,
    query_codes: np.ndarray,
    reference_codes: np.ndarray,
    *,
    need_second: bool = True,
) -> Partial:
    """Nearest rows inside each query's category group, then among the groups one category away
    (see the module docstring).

    Numeric arrays are in range units (a missing value is far away, so the cap turns it
    into 1); codes are integers, missing being a code. Distances are sums over the columns.
    """
    n_query = len(query_numeric)
    out = Partial(
        first=np.full(n_query, np.inf),
        second=np.full(n_query, np.inf),
        index=np.full(n_query, -1, dtype=np.int64),
        resolved=np.zeros(n_query, dtype=bool),
    )
    if n_query == 0 or len(reference_numeric) == 0:
        return out
    query_numeric = query_numeric.astype(np.float64, copy=False)
    reference_numeric = reference_numeric.astype(np.float64, copy=False)
    query_key, reference_key = group_keys(query_codes, reference_codes)
    order = np.argsort(reference_key, kind="stable")  # each group's rows in index order
    sorted_keys = reference_key[order]
    begin = np.searchsorted(sorted_keys, query_key, side="left")
    end = np.searchsorted(sorted_keys, query_key, side="right")
    candidates = np.flatnonzero(end > begin)
    sizes = end[candidates] - begin[candidates]
    small = candidates[sizes <= _SMALL_GROUP]
    segments = [order[begin[q] : end[q]] for q in small]
    _best_of_pairs(out, small, segments, None, query_numeric, reference_numeric)
    large = candidates[sizes > _SMALL_GROUP]
    for start in np.unique(begin[large]):
        members = large[begin[large] == start]
        _large_group(out, members, order[start : end[members[0]]], query_numeric, reference_numeric)
    limit = out.second if need_second else out.first
    out.resolved = limit < 1.0 - _MARGIN
    pending = np.flatnonzero(~out.resolved)
    if pending.size and query_codes.shape[1]:
        own = [order[begin[q] : end[q]] for q in pending]
        _one_category_away(out, pending, own, query_numeric, reference_numeric, query_codes, reference_codes)
        limit = out.second if need_second else out.first
        out.resolved[pending] = limit[pending] < 2.0 - _MARGIN
    return out


def _one_category_away(out, pending, own, query_numeric, reference_numeric, query_codes, reference_codes):
    """For queries their own group did not settle: every row differing in at most one category.

    Rows one category away are at least 1 and rows further away at least 2, so an answer
    below 2 here is exact. Queries with too many such rows are left to the scan.
    """
    extra_rows = [[] for _ in pending]
    for column in range(query_codes.shape[1]):
        rest = np.delete(np.arange(query_codes.shape[1]), column)
        query_key, reference_key = group_keys(query_codes[pending][:, rest], reference_codes[:, rest])
        order = np.argsort(reference_key, kind="stable")
        sorted_keys = reference_key[order]
        begin = np.searchsorted(sorted_keys, query_key, side="left")
        end = np.searchsorted(sorted_keys, query_key, side="right")
        for position, query in enumerate(pending):
            rows = order[begin[position] : end[position]]
            extra_rows[position].append(rows[reference_codes[rows, column] != query_codes[query, column]])
    keep, segments, mismatches = [], [], []
    for position, query in enumerate(pending):
        rows = np.concatenate([own[position], *extra_rows[position]])
        if len(rows) == 0 or len(rows) > _ONE_AWAY_ROWS:
            continue
        rank = np.argsort(rows, kind="stable")
        keep.append(query)
        segments.append(rows[rank])
        mismatch = np.ones(len(rows))
        mismatch[: len(own[position])] = 0.0
        mismatches.append(mismatch[rank])
    _best_of_pairs(
        out, np.asarray(keep, dtype=np.int64), segments, mismatches, query_numeric, reference_numeric
    )


def _best_of_pairs(out, queries, segments, mismatches, query_numeric, reference_numeric) -> None:
    """Each query against its own candidate rows (each segment in ascending index order).

    ``mismatches`` (per segment, or None for none) adds the categorical part. Vectorised in
    batches of at most ``_PAIR_BATCH`` pairs.
    """
    if len(queries) == 0:
        return
    counts = np.array([len(s) for s in segments])
    cuts = np.searchsorted(np.cumsum(counts), np.arange(_PAIR_BATCH, counts.sum(), _PAIR_BATCH))
    for part in np.split(np.arange(len(queries)), cuts):
        if part.size == 0:
            continue
        batch, sizes = queries[part], counts[part]
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        segment = np.repeat(np.arange(batch.size), sizes)
        rows = np.concatenate([segments[i] for i in part])
        gaps = np.minimum(np.abs(query_numeric[batch][segment] - reference_numeric[rows]), 1.0).sum(axis=1)
        if mismatches is not None:
            gaps += np.concatenate([mismatches[i] for i in part])
        best = np.minimum.reduceat(gaps, starts)
        at_best = np.flatnonzero(gaps == best[segment])
        first_hit = at_best[np.unique(segment[at_best], return_index=True)[1]]
        out.first[batch] = best
        out.index[batch] = rows[first_hit]
        gaps[first_hit] = np.inf
        out.second[batch] = np.minimum.reduceat(gaps, starts)


def _large_group(out, queries, rows, query_numeric, reference_numeric) -> None:
    """One KD-tree over a large group's numeric values; ties resolved to the lowest index.

    The tree measures plain L1, without the cap at 1. That is exact for every answer below 1,
    the only answers the caller accepts: such a row has no term above 1, so capping changes
    nothing for it, and a row with a capped term is at least 1 away.
    """
    if query_numeric.shape[1] == 0:
        # No numeric column in the view: every row of the group is at distance 0.
        out.first[queries] = 0.0
        out.second[queries] = 0.0
        out.index[queries] = rows[0]
        return
    values = reference_numeric[rows]
    tree = cKDTree(values)
    found, where = tree.query(query_numeric[queries], k=2, p=1)
    out.first[queries] = found[:, 0]
    out.second[queries] = found[:, 1]
    out.index[queries] = rows[where[:, 0]]
    # The tree's order among equally near rows is its own; the scan's rule is the lowest index.
    for position in np.flatnonzero(found[:, 1] <= found[:, 0]):
        query = queries[position]
        near = np.asarray(tree.query_ball_point(query_numeric[query], r=found[position, 0], p=1))
        gaps = np.abs(values[near] - query_numeric[query]).sum(axis=1)
        out.index[query] = rows[near[gaps == gaps.min()].min()]
