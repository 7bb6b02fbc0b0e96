"""Review tasks as plain values: what to show, to how many reviewers, and the answers.

Pure functions only; the store persists the specs and answers. Row ids are 0-based
positions in the synthetic table (blind items of source "holdout" are positions in the
holdout table). A task goes to ``overlap`` distinct reviewers (default 2), so agreement
can be measured on every task.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from reviews.errors import ReviewsError
from reviews.ranking.active_selection import select_lists, select_pairs
from synth.i18n import Msg, joined

PAIRWISE = "pairwise"
LISTWISE = "listwise"
BLIND = "blind"
GOLD = "gold"  # source prefix of gold tasks (see reviews.ranking.gold)
HOLDOUT = "holdout"
SYNTHETIC = "synthetic"


@dataclass(frozen=True)
class TaskSpec:
    """One task to show.

    Attributes:
        task_id: Unique id, ``"<batch_id>-<n>"``.
        mode: ``"pairwise"`` (2 rows), ``"listwise"`` (3..5 rows, to order) or ``"blind"``
            (1 row, to label real or synthetic).
        rows: Row positions in display order.
        overlap: Number of distinct reviewers who must answer it.
        source: Blind tasks only: ``"holdout"`` or ``"synthetic"``; never show it.
    """

    task_id: str
    mode: str
    rows: tuple[int, ...]
    overlap: int
    source: str | None = None

    @property
    def is_gold(self) -> bool:
        """A comparison with a known answer (see :mod:`reviews.ranking.gold`)."""
        return (self.source or "").startswith(GOLD + ":")

    @property
    def slots(self) -> tuple[int, ...]:
        """Assignment slots 0..overlap-1; the store fills each with one reviewer."""
        return tuple(range(self.overlap))


@dataclass(frozen=True)
class Answer:
    """A reviewer's ordering of a ranking task's rows, most plausible first.

    A pairwise answer is ``(winner, loser)``. Flags of implausible rows are kept apart
    (see :mod:`reviews.acceptance.rules`).
    """

    task_id: str
    reviewer: str
    ranking: tuple[int, ...]


@dataclass(frozen=True)
class Batch:
    """Tasks issued together."""

    batch_id: str
    tasks: tuple[TaskSpec, ...]

    def ranking_tasks(self) -> list[TaskSpec]:
        """Pairwise and listwise tasks (no blind items)."""
        return [t for t in self.tasks if t.mode != BLIND]


def compared_pairs(tasks: Iterable[TaskSpec]) -> np.ndarray:
    """Every pair of synthetic rows shown together in ranking tasks, as an (m, 2) array.

    Pass the pairs of all issued tasks (answered or not) as ``compared`` for the next batch.
    """
    pairs = [
        (t.rows[a], t.rows[b])
        for t in tasks
        if t.mode != BLIND and not t.is_gold
        for a in range(len(t.rows))
        for b in range(a + 1, len(t.rows))
    ]
    return np.asarray(pairs, dtype=int).reshape(-1, 2)


def _blind_tasks(n_items, n_holdout, n_synthetic, rng) -> list[tuple[str, tuple[int, ...], str]]:
    n_real = n_items // 2 + int(n_items % 2 and rng.random() < 0.5)
    n_synth = n_items - n_real
    if n_real > n_holdout or n_synth > n_synthetic:
        raise ReviewsError(
            Msg(
                "A blind test of {n} items needs {real} holdout and {synthetic} synthetic rows "
                "(have {holdout_rows} and {synthetic_rows}); ask for fewer blind items.",
                n=n_items,
                real=n_real,
                synthetic=n_synth,
                holdout_rows=n_holdout,
                synthetic_rows=n_synthetic,
            )
        )
    real = rng.choice(n_holdout, size=n_real, replace=False)
    synth = rng.choice(n_synthetic, size=n_synth, replace=False)
    items = [(HOLDOUT, int(r)) for r in real] + [(SYNTHETIC, int(s)) for s in synth]
    return [(BLIND, (row,), source) for source, row in items]


def build_batch(
    scores: np.ndarray,
    compared: np.ndarray | None,
    *,
    batch_id: str,
    mode: str = PAIRWISE,
    k: int = 2,
    batch_size: int = 10,
    overlap: int = 2,
    blind_items: int = 0,
    n_holdout: int = 0,
    seed: int = 0,
    pool_size: int = 300,
    gold: Sequence[tuple[str, tuple[int, ...], str]] = (),
) -> Batch:
    """Plan the next batch of tasks.

    Args:
        scores: Current model score of every synthetic row.
        compared: Pairs already shown in ranking tasks (see :func:`compared_pairs`).
        batch_id: Prefix of the task ids; unique per batch.
        mode: ``"pairwise"`` or ``"listwise"``.
        k: Rows per listwise task (3..5); ignored for pairwise.
        batch_size: Number of ranking tasks.
        overlap: Distinct reviewers per task (at least 1; 2 or more to measure agreement).
        blind_items: Extra blind real-or-synthetic items mixed in (about half holdout).
        n_holdout: Rows in the holdout table, to draw blind real items from.
        seed: Makes the batch reproducible.
        pool_size: Unseen rows considered per batch (see :mod:`reviews.ranking.active_selection`).
        gold: Gold tasks to hide among the others, as (mode, rows, source) (see
            :func:`reviews.ranking.gold.plan_gold`).

    Raises:
        ReviewsError: Any setting the user can fix (all problems at once).
    """
    problems = []
    if mode not in (PAIRWISE, LISTWISE):
        problems.append(
            Msg(
                "mode must be '{pairwise}' or '{listwise}' (got {mode})",
                pairwise=PAIRWISE,
                listwise=LISTWISE,
                mode=repr(mode),
            )
        )
    if mode == LISTWISE and not 3 <= k <= 5:
        problems.append(Msg("a listwise task shows 3 to 5 rows (got k={k})", k=k))
    if batch_size < 1:
        problems.append(Msg("batch size must be at least 1 (got {n})", n=batch_size))
    if overlap < 1:
        problems.append(Msg("overlap must be at least 1 reviewer per task (got {n})", n=overlap))
    if blind_items < 0:
        problems.append(Msg("blind items cannot be negative (got {n})", n=blind_items))
    if problems:
        raise ReviewsError(joined(problems, "; ", words=True))
    rng = np.random.default_rng(seed)
    if mode == PAIRWISE:
        groups = select_pairs(scores, compared, batch_size, pool_size=pool_size, seed=seed)
    else:
        groups = select_lists(scores, compared, batch_size, k, pool_size=pool_size, seed=seed)
    planned: list[tuple[str, tuple[int, ...], str | None]] = [
        (mode, tuple(int(r) for r in g), None) for g in groups
    ]
    if blind_items:
        planned += _blind_tasks(blind_items, n_holdout, len(scores), rng)
    if blind_items or gold:
        planned += list(gold)
        # Blind and gold items sit among the ranking tasks, so their position gives nothing away.
        planned = [planned[i] for i in rng.permutation(len(planned))]
    tasks = tuple(
        TaskSpec(f"{batch_id}-{n}", m, rows, overlap, source)
        for n, (m, rows, source) in enumerate(planned, start=1)
    )
    return Batch(batch_id, tasks)


def assign_reviewers(
    tasks: Sequence[TaskSpec], reviewers: Sequence[str], seed: int = 0
) -> dict[str, tuple[str, ...]]:
    """Fill every task's slots with distinct reviewers, spreading the load evenly.

    Returns:
        ``{task_id: (reviewer, ...)}`` with ``overlap`` reviewers per task.

    Raises:
        ReviewsError: Fewer reviewers than a task's overlap.
    """
    reviewers = list(dict.fromkeys(reviewers))
    need = max((t.overlap for t in tasks), default=0)
    if need > len(reviewers):
        raise ReviewsError(
            Msg(
                "Tasks need {need} distinct reviewers each but only {available} are available; "
                "add reviewers or lower the overlap.",
                need=need,
                available=len(reviewers),
            )
        )
    rng = np.random.default_rng(seed)
    load = np.zeros(len(reviewers), dtype=int)
    out = {}
    for task in tasks:
        # Least-loaded first; a seeded random key breaks ties so no reviewer is always picked first.
        picked = np.lexsort((rng.random(len(reviewers)), load))[: task.overlap]
        load[picked] += 1
        out[task.task_id] = tuple(reviewers[i] for i in picked)
    return out


def validate_answer(task: TaskSpec, answer: Answer) -> None:
    """Check that an answer orders exactly the task's rows.

    Raises:
        ReviewsError: The answer belongs to another task or does not order the shown rows.
    """
    if answer.task_id != task.task_id:
        raise ReviewsError(
            Msg("Answer is for task {answered}, not {task}.", answered=answer.task_id, task=task.task_id)
        )
    if task.mode == BLIND:
        raise ReviewsError(
            Msg("Task {task} is a blind item; record a real/synthetic label instead.", task=task.task_id)
        )
    if sorted(answer.ranking) != sorted(task.rows):
        raise ReviewsError(
            Msg(
                "Answer to task {task} must order the rows {rows} exactly once each (got {ranking}).",
                task=task.task_id,
                rows=str(sorted(task.rows)),
                ranking=str(list(answer.ranking)),
            )
        )
