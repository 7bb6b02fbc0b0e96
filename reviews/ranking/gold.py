"""Gold tasks: comparisons whose answer is known, hidden among the others to measure reviewers.

A gold task shows the same number of rows as the round's other tasks, drawn from the real
holdout (or, without one, from the synthetic rows). One of them gets an impossible value: a
numeric column set far outside the range of the real data (ten ranges above its maximum).
The known answer is that this row is the least plausible, i.e. ranked last. Everything needed
to show and score a gold task is in its stored spec: the rows, and a source
``"gold:<table>:<position of the broken row>"`` that the page never shows; the column and
value follow from the task id, so the same task always looks the same.

Gold answers never enter the preference model, agreement or the active selection; each
reviewer's share of correct gold answers is reported with its 95 % Wilson interval
(the project's one ``synth.metrics.intervals.wilson_interval``, checked against scipy's).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reviews.ranking.row_context import RowContext
from reviews.ranking.tasks import GOLD, HOLDOUT, SYNTHETIC, Answer, TaskSpec
from synth.i18n import N_
from synth.metrics.intervals import wilson_interval

DEFAULT_SHARE = 0.05
# Below this gold accuracy (the CI's upper bound) a reviewer is reported as unreliable.
ACCURACY_THRESHOLD = 0.8
GOLD_COLUMNS = [
    N_("reviewer"),
    N_("gold answers"),
    N_("gold correct"),
    N_("gold accuracy"),
    "ci_low",
    "ci_high",
]


def gold_source(table: str, broken: int) -> str:
    """The stored source of a gold task over ``table`` whose row at ``broken`` is corrupted."""
    return f"{GOLD}:{table}:{broken}"


def parse_gold(source: str | None) -> tuple[str, int] | None:
    """(table, position of the broken row) for a gold task's source, else None."""
    if not source or not source.startswith(GOLD + ":"):
        return None
    _, table, broken = source.split(":")
    return table, int(broken)


def gold_count(batch_size: int, share: float, rng: np.random.Generator) -> int:
    """Gold tasks to add to a batch: ``batch_size * share`` on average (fractions drawn at random)."""
    expected = batch_size * share
    whole = int(np.floor(expected))
    return whole + int(rng.random() < expected - whole)


def plan_gold(
    n: int, mode: str, k: int, n_rows: int, table: str, rng: np.random.Generator
) -> list[tuple[str, tuple[int, ...], str]]:
    """``n`` gold tasks as (mode, rows, source), each showing ``k`` distinct rows of ``table``."""
    size = 2 if mode == "pairwise" else k
    if n_rows < size:
        return []
    planned = []
    for _ in range(n):
        rows = tuple(int(r) for r in rng.choice(n_rows, size=size, replace=False))
        planned.append((mode, rows, gold_source(table, int(rng.integers(size)))))
    return planned


def gold_table(has_holdout: bool) -> str:
    """Gold rows come from the real holdout when there is one."""
    return HOLDOUT if has_holdout else SYNTHETIC


def corrupt(frame: pd.DataFrame, context: RowContext, task_key: str, broken: int) -> pd.DataFrame:
    """The task's rows with an impossible value in row ``broken`` (positional), chosen by the task id."""
    numeric = [
        c
        for c in context.numeric_columns
        if c in frame.columns
        and pd.api.types.is_numeric_dtype(frame[c])
        and not pd.api.types.is_bool_dtype(frame[c])
    ]
    out = frame.copy()
    if not numeric:
        return out
    column = numeric[zlib.crc32(task_key.encode()) % len(numeric)]
    low, high = context.numeric_range(column)
    span = high - low if high > low else max(abs(high), 1.0)
    value = high + 10 * span
    if pd.api.types.is_integer_dtype(out[column]):
        value = int(np.ceil(value))
    else:
        out[column] = out[column].astype(float)
    out.iloc[broken, out.columns.get_loc(column)] = value
    return out


def is_correct(spec: TaskSpec, ranking: tuple[int, ...]) -> bool:
    """A gold answer is right when the broken row is ranked last."""
    parsed = parse_gold(spec.source)
    if parsed is None:
        return False
    return bool(ranking) and ranking[-1] == spec.rows[parsed[1]]


@dataclass(frozen=True)
class GoldScore:
    reviewer: str
    n: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        if not self.n:
            return float("nan"), float("nan")
        return wilson_interval(self.correct, self.n)

    @property
    def flagged(self) -> bool:
        """The whole CI lies below the threshold: this reviewer misses gold tasks."""
        return bool(self.n) and self.interval[1] < ACCURACY_THRESHOLD


def gold_scores(specs: Iterable[TaskSpec], answers: Iterable[Answer]) -> list[GoldScore]:
    """One score per reviewer who answered a gold task (latest answer per task), by name."""
    gold = {s.task_id: s for s in specs if s.is_gold}
    latest = {(a.task_id, a.reviewer): a.ranking for a in answers if a.task_id in gold}
    tally: dict[str, list[int]] = {}
    for (task, reviewer), ranking in latest.items():
        tally.setdefault(reviewer, []).append(int(is_correct(gold[task], ranking)))
    return [GoldScore(r, len(v), sum(v)) for r, v in sorted(tally.items())]


def gold_frame(scores: list[GoldScore]) -> pd.DataFrame:
    rows = [(s.reviewer, s.n, s.correct, s.accuracy, *s.interval) for s in scores]
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)
