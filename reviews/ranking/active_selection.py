"""Choose which rows reviewers compare next.

Rules, in order of priority within one batch:

1. Every row that has been shown is compared at least ``min_comparisons`` (2) times: rows
   short of that are topped up first, and a row enters the comparisons only together with
   enough partners to reach the minimum.
2. The comparison graph (rows = nodes, compared pairs = edges) stays connected, so every
   shown row's score is tied to every other's: separate components (found with
   ``scipy.sparse.csgraph.connected_components``) are linked first, and later pairs always
   touch a row that is already shown.
3. Within that, the pairs the model is least sure about come first: smallest
   ``|P(i beats j) - 0.5|``, i.e. the smallest score gap. Candidates are neighbours in
   score order among the shown rows plus a seeded random pool of unseen rows, so a batch
   over thousands of rows costs a sort, not all n^2 pairs.

Ties (e.g. before any answer, when every score is 0) are broken by a seeded random key,
so the result is deterministic given ``seed``. No library offers connected, minimum-degree
active pair selection, hence this module.

``compared`` should hold the pairs of every task already issued, answered or not, so
pending tasks are not issued again.
"""

from __future__ import annotations

from bisect import bisect_left, insort

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.special import expit

from reviews.errors import ReviewsError
from synth.i18n import N_, Msg

MIN_COMPARISONS = 2
_MAX_WALK = 2000


def _as_pairs(compared, n: int) -> np.ndarray:
    arr = np.asarray(compared if compared is not None else np.zeros((0, 2)), dtype=int).reshape(-1, 2)
    if arr.size and (arr.min() < 0 or arr.max() >= n):
        raise ReviewsError(
            Msg("Compared pairs name rows outside 0..{last}; pass positions of the scored rows.", last=n - 1)
        )
    return arr


class _Planner:
    """Mutable state of one batch being planned: degrees, compared pairs, shown rows."""

    def __init__(self, scores, compared, *, pool_size, window, min_comparisons, seed):
        self.scores = np.asarray(scores, dtype=float)
        if not np.isfinite(self.scores).all():
            raise ReviewsError(
                N_("Some row scores are missing or infinite; refit the preference model before selecting.")
            )
        self.n = n = len(self.scores)
        if n < min_comparisons + 1:
            raise ReviewsError(
                Msg(
                    "At least {rows} rows are needed to compare each row {times} times; generate "
                    "more synthetic rows.",
                    rows=min_comparisons + 1,
                    times=min_comparisons,
                )
            )
        self.rng = np.random.default_rng(seed)
        self.min = min_comparisons
        self.window = window
        order = np.lexsort((self.rng.random(n), self.scores))
        self.order = order
        self.rank = np.empty(n, dtype=int)
        self.rank[order] = np.arange(n)
        edges = _as_pairs(compared, n)
        self.existing = edges
        self.degree = np.bincount(edges.ravel(), minlength=n)
        self.seen = {self._key(a, b) for a, b in edges}
        self.shown = self.degree > 0
        self.shown_ranks = sorted(self.rank[self.shown].tolist())
        unshown = np.flatnonzero(~self.shown)
        extra = (
            self.rng.choice(unshown, size=min(pool_size, unshown.size), replace=False)
            if unshown.size
            else unshown
        )
        self.pool_ranks = np.sort(np.r_[self.rank[self.shown], self.rank[extra]]).tolist()
        self.new: list[tuple[int, int]] = []

    def _key(self, a, b) -> int:
        a, b = (int(a), int(b)) if a < b else (int(b), int(a))
        return a * self.n + b

    def compared(self, a, b) -> bool:
        return self._key(a, b) in self.seen

    def add(self, a: int, b: int) -> None:
        self.new.append((int(a), int(b)))
        self.seen.add(self._key(a, b))
        for v in (a, b):
            self.degree[v] += 1
            if not self.shown[v]:
                self.shown[v] = True
                insort(self.shown_ranks, int(self.rank[v]))

    def nearest(self, v: int, ranks: list[int], exclude=()) -> int:
        """Row closest in score to ``v`` among ``ranks`` that is new to ``v`` and not excluded; -1 if none."""
        pos = bisect_left(ranks, self.rank[v])
        left, right = pos - 1, pos
        s = self.scores[v]
        for _ in range(_MAX_WALK):
            cand = []
            if left >= 0:
                cand.append((abs(self.scores[self.order[ranks[left]]] - s), -1))
            if right < len(ranks):
                cand.append((abs(self.scores[self.order[ranks[right]]] - s), 1))
            if not cand:
                return -1
            _, side = min(cand)
            if side < 0:
                u = int(self.order[ranks[left]])
                left -= 1
            else:
                u = int(self.order[ranks[right]])
                right += 1
            if u != v and u not in exclude and not self.compared(u, v):
                return u
        return -1

    def budget_left(self, total: int) -> int:
        return total - len(self.new)

    def top_up(self, total: int) -> None:
        """Give every shown row its minimum number of comparisons."""
        queue = [int(self.order[r]) for r in self.shown_ranks if self.degree[self.order[r]] < self.min]
        while queue and self.budget_left(total) > 0:
            v = queue[0]
            if self.degree[v] >= self.min:
                queue.pop(0)
                continue
            u = self.nearest(v, self.shown_ranks)
            if u < 0:
                u = self.nearest(v, self.pool_ranks)
            if u < 0:
                queue.pop(0)
                continue
            fresh = not self.shown[u]
            self.add(v, u)
            if fresh:
                queue.append(u)

    def components(self) -> tuple[np.ndarray, np.ndarray]:
        """Component label of every shown row (shown rows, labels)."""
        edges = np.r_[self.existing, np.asarray(self.new, dtype=int).reshape(-1, 2)]
        graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(self.n, self.n))
        _, labels = connected_components(graph, directed=False)
        rows = np.flatnonzero(self.shown)
        return rows, labels[rows]

    def bridge(self, total: int) -> None:
        """Link every component of the shown rows to the largest one with its most uncertain pair."""
        rows, labels = self.components()
        if rows.size == 0:
            return
        names, sizes = np.unique(labels, return_counts=True)
        if names.size < 2:
            return
        main_label = names[np.argmax(sizes)]
        main = rows[labels == main_label]
        for label in names[np.argsort(-sizes, kind="stable")]:
            if label == main_label or self.budget_left(total) <= 0:
                continue
            part = rows[labels == label]
            main_sorted = main[np.argsort(self.scores[main], kind="stable")]
            ms = self.scores[main_sorted]
            idx = np.searchsorted(ms, self.scores[part])
            best = None
            for shift in (-1, 0):
                j = np.clip(idx + shift, 0, len(ms) - 1)
                gaps = np.abs(ms[j] - self.scores[part])
                k = int(np.argmin(gaps))
                if best is None or gaps[k] < best[0]:
                    best = (gaps[k], int(part[k]), int(main_sorted[j[k]]))
            self.add(best[1], best[2])
            main = np.r_[main, part]

    def candidates(self, ranks: list[int] | None = None) -> np.ndarray:
        """Candidate pairs among neighbours in score order (default: the pool), most uncertain first."""
        pool = self.order[np.asarray(self.pool_ranks if ranks is None else ranks, dtype=int)]
        pairs = [
            np.column_stack([pool[:-d], pool[d:]]) for d in range(1, min(self.window, len(pool) - 1) + 1)
        ]
        pairs = np.vstack(pairs) if pairs else np.zeros((0, 2), dtype=int)
        gaps = np.abs(self.scores[pairs[:, 0]] - self.scores[pairs[:, 1]])
        return pairs[np.lexsort((self.rng.random(len(pairs)), gaps))]

    def bootstrap(self, i: int, j: int, total: int) -> None:
        """First comparisons: a cycle of score neighbours (every row compared twice) or, for a
        higher minimum, a clique of ``min + 1`` rows."""
        size = total if self.min == 2 else self.min + 1
        group = [i, j]
        while len(group) < size:
            u = self.nearest(group[len(group) % 2], self.pool_ranks, exclude=group)
            if u < 0:
                break
            group.append(u)
        if len(group) < self.min + 1:
            return
        if self.min == 2:
            # Grown alternately around i and j, so consecutive members are close in score.
            ring = group[0::2][::-1] + group[1::2]
            edges = [(ring[t], ring[(t + 1) % len(ring)]) for t in range(len(ring))]
        else:
            edges = [(a, b) for x, a in enumerate(group) for b in group[x + 1 :]]
        for a, b in edges:
            self.add(a, b)

    def introduce(self, v: int, first: int) -> None:
        """Compare a new row with ``first`` and further shown rows until it has the minimum."""
        self.add(v, first)
        while self.degree[v] < self.min:
            u = self.nearest(v, self.shown_ranks)
            if u < 0:
                return
            self.add(v, u)


def _orient(pairs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    # Random left/right placement so screen position cannot stand in for plausibility.
    flip = rng.random(len(pairs)) < 0.5
    pairs[flip] = pairs[flip][:, ::-1]
    return pairs


def select_pairs(
    scores: np.ndarray,
    compared: np.ndarray | None,
    n_pairs: int,
    *,
    pool_size: int = 300,
    window: int = 8,
    min_comparisons: int = MIN_COMPARISONS,
    seed: int = 0,
) -> np.ndarray:
    """Next pairs to compare.

    Args:
        scores: Current model score of every synthetic row (zeros before any answer).
        compared: (m, 2) row positions already paired in issued tasks (either order).
        n_pairs: How many pairs to return at most.
        pool_size: Unseen rows drawn (seeded) as candidates besides the shown ones.
        window: Each candidate row is paired with this many score neighbours.
        min_comparisons: Minimum comparisons per shown row.
        seed: Seed for tie-breaks, the pool and left/right placement.

    Returns:
        (n, 2) int array of row positions, n <= n_pairs (fewer only when the rules allow
        no more pairs).

    Raises:
        ReviewsError: Too few rows, or a first batch too small to compare every row twice.
    """
    plan = _Planner(
        scores, compared, pool_size=pool_size, window=window, min_comparisons=min_comparisons, seed=seed
    )
    first_cost = (min_comparisons + 1) * min_comparisons // 2
    if not plan.shown.any() and n_pairs < first_cost:
        raise ReviewsError(
            Msg(
                "A first batch needs at least {pairs} pairs so each shown row is compared {times} times; "
                "raise the batch size.",
                pairs=first_cost,
                times=min_comparisons,
            )
        )
    plan.top_up(n_pairs)
    plan.bridge(n_pairs)
    for i, j in plan.candidates():
        left = plan.budget_left(n_pairs)
        if left <= 0:
            break
        if plan.compared(i, j):
            continue
        si, sj = plan.shown[i], plan.shown[j]
        if not plan.shown.any():
            plan.bootstrap(int(i), int(j), n_pairs)
        elif si and sj:
            plan.add(i, j)
        elif si or sj:
            new, old = (j, i) if si else (i, j)
            if left >= min_comparisons:
                plan.introduce(int(new), int(old))
        elif left >= 1 + 2 * (min_comparisons - 1) and len(plan.shown_ranks) >= min_comparisons - 1:
            plan.add(i, j)
            for v in (i, j):
                while plan.degree[v] < min_comparisons:
                    u = plan.nearest(v, plan.shown_ranks)
                    if u < 0:
                        break
                    plan.add(v, u)
    # Leftover budget (too small to bring in a new row): most uncertain pairs among shown rows.
    shown_only = plan.candidates(plan.shown_ranks)
    for i, j in shown_only:
        if plan.budget_left(n_pairs) <= 0:
            break
        if not plan.compared(i, j):
            plan.add(i, j)
    return _orient(np.asarray(plan.new, dtype=int).reshape(-1, 2), plan.rng)


def select_lists(
    scores: np.ndarray,
    compared: np.ndarray | None,
    n_lists: int,
    k: int,
    *,
    pool_size: int = 300,
    window: int = 8,
    seed: int = 0,
) -> np.ndarray:
    """Next lists of ``k`` rows (3..5) to order, built around the least certain pairs.

    A list of k rows compares each of its rows k-1 >= 2 times. Every list after the first
    contains a row already shown, and components left by earlier answers are linked first,
    so the comparison graph stays connected.

    Returns:
        (n, k) int array of row positions in random display order, n <= n_lists.
    """
    if not 3 <= k <= 5:
        raise ReviewsError(Msg("A list holds 3 to 5 rows (got {k}); use pairwise tasks for 2.", k=k))
    plan = _Planner(
        scores, compared, pool_size=pool_size, window=window, min_comparisons=MIN_COMPARISONS, seed=seed
    )
    lists: list[list[int]] = []

    def grow(seed_rows: list[int]) -> None:
        group = list(dict.fromkeys(int(v) for v in seed_rows))
        anchor = group[0]
        while len(group) < k:
            u = plan.nearest(anchor, plan.pool_ranks, exclude=group)
            if u < 0:
                u = plan.nearest(group[-1], plan.pool_ranks, exclude=group)
            if u < 0:
                return
            group.append(u)
        for a in range(k):
            for b in range(a + 1, k):
                if not plan.compared(group[a], group[b]):
                    plan.add(group[a], group[b])
        lists.append(group)

    # Rows short of two comparisons (left by pairwise tasks) are listed first.
    for r in list(plan.shown_ranks):
        v = int(plan.order[r])
        if len(lists) < n_lists and plan.degree[v] < MIN_COMPARISONS:
            grow([v])
    # Then link components: the most uncertain cross pair seeds a list.
    while len(lists) < n_lists:
        before = len(plan.new)
        plan.bridge(len(plan.new) + 1)
        if len(plan.new) == before:
            break
        a, b = plan.new.pop()
        plan.seen.discard(plan._key(a, b))
        plan.degree[[a, b]] -= 1
        grow([a, b])
    for i, j in plan.candidates():
        if len(lists) >= n_lists:
            break
        if plan.compared(i, j):
            continue
        if plan.shown.any() and not (plan.shown[i] or plan.shown[j]):
            continue
        grow([i, j])
    out = np.asarray(lists, dtype=int).reshape(-1, k)
    for row in out:
        plan.rng.shuffle(row)
    return out


def uncertainty(scores: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """``|P(i beats j) - 0.5|`` for each pair under the current scores (0 = coin flip)."""
    pairs = np.asarray(pairs, dtype=int).reshape(-1, 2)
    s = np.asarray(scores, dtype=float)
    return np.abs(expit(s[pairs[:, 0]] - s[pairs[:, 1]]) - 0.5)
