"""Review rounds end to end: open a round, hand a reviewer the next task with its context,
take answers, and after each batch refit the preference model and pick the next pairs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from reviews import queries
from reviews.errors import ReviewsError
from reviews.queries import rounds as round_queries
from reviews.ranking.features import RowFeatures
from reviews.ranking.gold import DEFAULT_SHARE, corrupt, gold_count, gold_table, parse_gold, plan_gold
from reviews.ranking.preference import PreferenceModel, pairs_from_rankings
from reviews.ranking.reliability import ReliablePreferenceModel
from reviews.ranking.row_context import RowContext, RowReport
from reviews.ranking.tasks import (
    BLIND,
    HOLDOUT,
    Answer,
    TaskSpec,
    assign_reviewers,
    build_batch,
    compared_pairs,
    validate_answer,
)
from reviews.store import Flag, NewTask, Store
from reviews.workspace.permissions import Actor, require
from synth.i18n import N_, Msg, joined

MODES = (N_("pairwise"), N_("listwise"))


@dataclass(frozen=True)
class RoundConfig:
    """What a steward sets when opening a round."""

    mode: str = "pairwise"
    k: int = 2
    overlap: int = 2
    batch_size: int = 10
    blind_items: int = 0
    gold_share: float = DEFAULT_SHARE
    seed: int = 0
    alpha: float = 1.0

    def check(self) -> None:
        problems = []
        if self.mode not in MODES:
            problems.append(Msg("mode must be one of {modes}", modes=", ".join(MODES)))
        if self.mode == "listwise" and not 3 <= self.k <= 5:
            problems.append(N_("a listwise task shows 3 to 5 rows; set k between 3 and 5"))
        if self.overlap < 1:
            problems.append(N_("each task needs at least one reviewer; set overlap to 1 or more"))
        if not 1 <= self.batch_size <= 500:
            problems.append(N_("choose a batch size between 1 and 500 tasks"))
        if self.blind_items < 0:
            problems.append(N_("the number of blind-test items cannot be negative"))
        if not 0 <= self.gold_share <= 0.5:
            problems.append(N_("choose a share of gold tasks between 0 and 0.5"))
        if problems:
            raise ReviewsError(
                Msg("Cannot open the round: {problems}.", problems=joined(problems, "; ", words=True))
            )


@dataclass(frozen=True)
class TaskView:
    """What a reviewer sees for one task: the rows, their context, and how far they are."""

    task_id: int
    mode: str
    rows: list[int]
    frame: pd.DataFrame
    context: list[RowReport] = field(default_factory=list)
    done: int = 0
    assigned: int = 0


@lru_cache(maxsize=8)
def _fitted_context(root: str, train_path: str) -> tuple[RowContext, RowFeatures]:
    # Fitted once per real table and process; the table never changes (content-addressed).
    real = queries.stored_frame(root, train_path)
    context = RowContext.fit(real)
    return context, RowFeatures.fit(real, context=context)


def _reference(store: Store, dataset: queries.DatasetRecord) -> tuple[RowContext, RowFeatures]:
    """Context and features fitted on the real rows the synthetic data was made from."""
    real_id = dataset.train_id or dataset.parent_id
    if real_id is None:
        raise ReviewsError(N_("This dataset has no real source recorded, so rows cannot be put in context."))
    return _fitted_context(str(store.artifact_root), queries.get_dataset(store, real_id).artifact_path)


def open_round(store: Store, actor: Actor, dataset_id: int, config: RoundConfig = RoundConfig()) -> int:
    """Open a round on a synthetic dataset with its first batch, spread over the active reviewers."""
    require(actor, "open_round")
    config.check()
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind != "synthetic":
        raise ReviewsError(N_("Review rounds are for synthetic datasets; pick a synthetic dataset."))
    reviewers = queries.active_usernames(store, "reviewer")
    if len(reviewers) < config.overlap:
        raise ReviewsError(
            Msg(
                "Each task must go to {overlap} reviewers but only {active} reviewer account(s) are "
                "active; add reviewers or lower the overlap.",
                overlap=config.overlap,
                active=len(reviewers),
            )
        )
    n_holdout = 0
    if config.blind_items:
        if not queries.get_grant(store, "blind_test_allowed", dataset_id):
            raise ReviewsError(
                N_("A blind test needs an officer's permission for this dataset; ask an officer to allow it.")
            )
        if dataset.holdout_id is None:
            raise ReviewsError(
                N_("A blind test needs the real holdout rows, and this dataset has none recorded.")
            )
        n_holdout = queries.get_dataset(store, dataset.holdout_id).rows
    batch = build_batch(
        np.zeros(dataset.rows),
        np.empty((0, 2), dtype=int),
        gold=_gold(store, dataset, config.mode, config.k, config.batch_size, config.gold_share, config.seed),
        batch_id="b1",
        mode=config.mode,
        k=config.k,
        batch_size=config.batch_size,
        overlap=config.overlap,
        blind_items=config.blind_items,
        n_holdout=n_holdout,
        seed=config.seed,
    )
    tasks = _new_tasks(batch.tasks, reviewers, config.seed)
    return store.open_round(
        actor,
        dataset_id,
        config.mode,
        config.k,
        config.overlap,
        config.batch_size,
        config.blind_items,
        tasks,
        gold_share=config.gold_share,
    )


def _gold(store: Store, dataset, mode: str, k: int, batch_size: int, share: float, seed: int) -> list:
    """Gold tasks for one batch, over the holdout rows when there are some."""
    if share <= 0:
        return []
    rng = np.random.default_rng([seed, 7919])
    table = gold_table(dataset.holdout_id is not None)
    n_rows = queries.get_dataset(store, dataset.holdout_id).rows if table == HOLDOUT else dataset.rows
    return plan_gold(gold_count(batch_size, share, rng), mode, k, n_rows, table, rng)


def _new_tasks(specs: list[TaskSpec], reviewers: list[str], seed: int) -> list[NewTask]:
    assignment = assign_reviewers(specs, reviewers, seed=seed)
    return [NewTask(s.task_id, s.mode, list(s.rows), assignment[s.task_id], s.source) for s in specs]


def next_task(store: Store, actor: Actor, round_id: int) -> TaskView | None:
    """The reviewer's next unanswered task with the rows and their context, or None when done."""
    require(actor, "review")
    open_ids = round_queries.open_task_ids(store, round_id, actor.username)
    done, assigned = round_queries.reviewer_progress(store, round_id, actor.username)
    if not open_ids:
        return None
    task_id = open_ids[0]
    spec = round_queries.task_specs(store, round_id)[task_id]
    dataset = queries.get_dataset(store, round_queries.get_round(store, round_id).dataset_id)
    gold = parse_gold(spec.source)
    if spec.mode == BLIND:
        source_id = dataset.holdout_id if spec.source == HOLDOUT else dataset.id
        frame = queries.load_frame(store, source_id).iloc[list(spec.rows)]
        frame = frame.drop(columns=["synthetic_outlier"], errors="ignore")
    elif gold is not None:
        source_id = dataset.holdout_id if gold[0] == HOLDOUT and dataset.holdout_id else dataset.id
        frame = queries.load_frame(store, source_id).iloc[list(spec.rows)]
    else:
        frame = queries.load_frame(store, dataset.id).iloc[list(spec.rows)]
    context, _features = _reference(store, dataset)
    shown = frame.drop(columns=["synthetic_outlier"], errors="ignore")
    if gold is not None:
        # The synthetic data's own column set, so a gold task looks like every other task.
        synthetic_columns = [
            c for c in queries.load_frame(store, dataset.id).columns if c != "synthetic_outlier"
        ]
        shown = corrupt(
            shown[[c for c in synthetic_columns if c in shown.columns]], context, spec.task_id, gold[1]
        )
    reports = context.describe(shown[[c for c in shown.columns if c in context.columns]])
    return TaskView(
        task_id, spec.mode, list(spec.rows), shown.reset_index(drop=True), reports, done, assigned
    )


def submit(
    store: Store,
    actor: Actor,
    round_id: int,
    task_id: int,
    *,
    ranking: list[int] | None = None,
    label: str | None = None,
    skipped: bool = False,
    flags: list[Flag] = (),
    started: float | None = None,
) -> int:
    """Record an answer (a ranking, a blind label, or a skip) and advance the round if its batch is done."""
    require(actor, "review")
    spec = round_queries.task_specs(store, round_id).get(task_id)
    if spec is None:
        raise ReviewsError(N_("That task does not belong to this round; reload the page."))
    if skipped:
        answer = {"skipped": True}
    elif spec.mode == BLIND:
        if label not in ("real", "synthetic"):
            raise ReviewsError(N_("Label the row as real or synthetic, or skip it."))
        answer = {"label": label}
    else:
        validate_answer(spec, Answer(spec.task_id, actor.username, tuple(int(r) for r in ranking or ())))
        answer = {"ranking": [int(r) for r in ranking]}
    if spec.is_gold:
        # A gold task's rows are not synthetic rows of this dataset: flags on them mean nothing.
        flags = []
    spent = int((time.time() - started) * 1000) if started else 0
    response_id = store.submit_response(actor, task_id, answer, spent, list(flags))
    advance(store, round_id)
    return response_id


def answered_pairs(answers) -> tuple[np.ndarray, list[str]]:
    """Winner/loser pairs from each reviewer's latest ranking per task, with who made each pair."""
    latest = {(a.task_id, a.reviewer): a.ranking for a in answers}
    pairs, who = [], []
    for (_task, reviewer), ranking in latest.items():
        implied = pairs_from_rankings([ranking])
        pairs.append(implied)
        who += [reviewer] * len(implied)
    return (np.vstack(pairs) if pairs else np.empty((0, 2), dtype=int)), who


def fit_round(store: Store, round_id: int, alpha: float = 1.0):
    """The round's preference model on every ranking answer so far, and the feature matrix.

    With answers from two or more reviewers the reliability-aware model
    (:mod:`reviews.ranking.reliability`) is fitted, so a reviewer answering at random counts
    less; with one reviewer there is nothing to compare them with and the plain model is used.
    """
    record = round_queries.get_round(store, round_id)
    dataset = queries.get_dataset(store, record.dataset_id)
    _context, features = _reference(store, dataset)
    frame = queries.load_frame(store, dataset.id).drop(columns=["synthetic_outlier"], errors="ignore")
    matrix = features.transform(frame)
    pairs, who = answered_pairs(round_queries.ranking_answers(store, round_id))
    if len(set(who)) >= 2:
        model = ReliablePreferenceModel(alpha=alpha).fit(matrix, pairs, who, features.feature_names)
    else:
        model = PreferenceModel(alpha=alpha).fit(matrix, pairs, features.feature_names)
    return model, matrix


def refit(store: Store, round_id: int, alpha: float = 1.0) -> dict:
    """Fit the preference model on every ranking answer so far and score every synthetic row."""
    model, matrix = fit_round(store, round_id, alpha)
    weights = model.weights
    return {
        "n_pairs": int(model.n_comparisons),
        "weights": {str(k): float(v) for k, v in weights.items()},
        "scores": [float(s) for s in model.scores(matrix)],
    }


def advance(store: Store, round_id: int, seed: int = 0) -> bool:
    """If the current batch is fully answered, refit and open the next batch; True when one opened."""
    record = round_queries.get_round(store, round_id)
    if record.status != "open" or not round_queries.batch_complete(store, round_id, record.current_batch):
        return False
    model = refit(store, round_id)
    issued = compared_pairs(s for s in round_queries.task_specs(store, round_id).values() if s.mode != BLIND)
    reviewers = queries.active_usernames(store, "reviewer")
    dataset = queries.get_dataset(store, record.dataset_id)
    gold = _gold(
        store,
        dataset,
        record.mode,
        record.k,
        record.batch_size,
        record.gold_share,
        seed + record.current_batch,
    )
    try:
        batch = build_batch(
            np.asarray(model["scores"]),
            issued,
            gold=gold,
            batch_id=f"b{record.current_batch + 1}",
            mode=record.mode,
            k=record.k,
            batch_size=record.batch_size,
            overlap=record.overlap,
            seed=seed + record.current_batch,
        )
        tasks = (
            _new_tasks(batch.tasks, reviewers, seed + record.current_batch)
            if len(reviewers) >= record.overlap
            else []
        )
    except ReviewsError:
        tasks = []  # every allowed pair has been shown; the round can still be closed and used
    return store.add_batch(round_id, record.current_batch, tasks, model)
