"""What a steward reads about a round: progress, agreement, the model and its cross-check,
flags, and the blind test."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from reviews import queries
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import evaluation_inputs
from reviews.ranking.agreement import AgreementReport, agreement_report
from reviews.ranking.blind_test import BlindTestResult, evaluate_blind_test
from reviews.ranking.gold import gold_scores
from reviews.ranking.preference import ItemScoreAgreement, compare_with_item_scores, pairs_from_rankings
from reviews.ranking.proxies import ProxyFeature, proxy_features, proxy_warning
from reviews.ranking.reviewer_quality import ReviewerQuality, reviewer_quality
from reviews.ranking.rounds import fit_round
from reviews.ranking.tasks import BLIND
from reviews.store import Store
from reviews.workspace.permissions import Actor, require
from synth.i18n import N_

TOP_WEIGHTS = 15
# Columns of the report's tables; the interface shows them translated.
PROGRESS_COLUMNS = [N_("reviewer"), N_("answered"), N_("assigned")]
WEIGHT_COLUMNS = [N_("feature"), N_("weight")]
FLAG_COLUMNS = [N_("row"), N_("reviewer"), N_("reason"), N_("note")]


@dataclass(frozen=True)
class RoundReport:
    round: round_queries.RoundRecord
    progress: pd.DataFrame  # reviewer, answered, assigned
    responses: int
    skipped: int
    agreement: AgreementReport
    weights: pd.DataFrame  # feature, weight: what drives plausibility
    scores: np.ndarray
    n_pairs: int
    cross_check: ItemScoreAgreement | None
    flags: pd.DataFrame
    blind: BlindTestResult | None
    quality: ReviewerQuality  # agreement, reliability and gold accuracy per reviewer
    proxies: list[ProxyFeature] = field(default_factory=list)  # leading features tied to protected ones
    proxy_warning: object = None


def round_report(store: Store, actor: Actor, round_id: int) -> RoundReport:
    """Everything the steward's round page shows, computed from stored answers."""
    require(actor, "open_round")
    record = round_queries.get_round(store, round_id)
    dataset = queries.get_dataset(store, record.dataset_id)
    answers = round_queries.ranking_answers(store, round_id)
    all_responses = round_queries.responses(store, round_id)
    reviewers = sorted(
        {r["reviewer"] for r in all_responses} | set(queries.active_usernames(store, "reviewer"))
    )
    progress = pd.DataFrame(
        [(name, *round_queries.reviewer_progress(store, round_id, name)) for name in reviewers],
        columns=PROGRESS_COLUMNS,
    )
    model = round_queries.latest_model(store, round_id)
    weights = pd.DataFrame(
        sorted((model or {}).get("weights", {}).items(), key=lambda kv: -abs(kv[1]))[:TOP_WEIGHTS],
        columns=WEIGHT_COLUMNS,
    )
    scores = round_queries.latest_scores(store, round_id, dataset.rows)
    latest = {(a.task_id, a.reviewer): a.ranking for a in answers}
    pairs = pairs_from_rankings(latest.values()) if latest else np.empty((0, 2), dtype=int)
    cross = compare_with_item_scores(scores, pairs) if model is not None and len(pairs) >= 3 else None
    blind = None
    if record.blind_items:
        specs = [s for s in round_queries.task_specs(store, round_id).values() if s.mode == BLIND]
        blind_answers = round_queries.blind_answers(store, round_id)
        blind = evaluate_blind_test(specs, blind_answers) if blind_answers else None
    flags = pd.DataFrame(round_queries.flags(store, round_id), columns=[*FLAG_COLUMNS, "created_at"])
    agreement = agreement_report(answers)
    return RoundReport(
        record,
        progress,
        len(all_responses),
        sum(1 for r in all_responses if r["answer"].get("skipped")),
        agreement,
        weights,
        scores,
        int(len(pairs)),
        cross,
        flags[FLAG_COLUMNS],
        blind,
        round_reviewer_quality(store, round_id, agreement),
        *_proxies(store, record.dataset_id, model),
    )


def _proxies(store: Store, dataset_id: int, model: dict | None) -> tuple[list[ProxyFeature], object]:
    """Leading model features that are, or are tied on the real rows to, a protected attribute."""
    if not model:
        return [], None
    inputs = evaluation_inputs(store, dataset_id)
    found = proxy_features(pd.Series(model.get("weights", {}), dtype=float), inputs.train, inputs.protected)
    return found, proxy_warning(found)


def round_reviewer_quality(
    store: Store, round_id: int, agreement: AgreementReport | None = None
) -> ReviewerQuality:
    """Agreement, reliability (refitted on the answers so far) and gold accuracy per reviewer."""
    answers = round_queries.ranking_answers(store, round_id)
    if agreement is None:
        agreement = agreement_report(answers)
    reliability = []
    if len({a.reviewer for a in answers}) >= 2:
        model, _matrix = fit_round(store, round_id)
        reliability = model.reliability
    specs = round_queries.task_specs(store, round_id).values()
    gold = gold_scores(specs, round_queries.gold_answers(store, round_id))
    return reviewer_quality(agreement.reviewers, reliability, gold)
