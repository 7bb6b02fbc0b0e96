"""Background job: a curated dataset from a review round (norm 6 steering generation).

The fitted generator is not kept after a generation job, so it is refitted here on the round's
source training rows with the lineage's generator and seed: still real training data, so the
curated dataset has the same depth as the reviewed one. K x n candidates are drawn from it, scored
by the round's newest Bradley–Terry model (weights over the same row features the reviewers'
rankings were fitted on), and n are kept by choice among K. A candidate identical to a row that
reviewers flagged is never kept, nor one scoring below the threshold of the newest acceptance
decision on the reviewed dataset (what the acceptance rules would reject).
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd

from reviews import queries
from reviews.errors import ReviewsError
from reviews.jobs.worker import Progress
from reviews.queries import acceptance as acceptance_queries
from reviews.queries import rounds as round_queries
from reviews.ranking import rounds as ranking_rounds
from reviews.store import NewDataset, Store
from reviews.workspace.permissions import Actor
from synth.curation import choose_among_k, curation_report
from synth.generators import DP_GENERATORS, make_generator
from synth.i18n import N_

OUTLIER_FLAG = "synthetic_outlier"


def _row_keys(frame: pd.DataFrame) -> pd.Series:
    return frame.astype(str).agg("\x1f".join, axis=1)


def _flagged(store: Store, round_id: int, reviewed: pd.DataFrame, candidates: pd.DataFrame) -> np.ndarray:
    rows = sorted({int(f["row"]) for f in round_queries.flags(store, round_id)})
    if not rows:
        return np.zeros(len(candidates), bool)
    flagged = set(_row_keys(reviewed.iloc[rows][list(candidates.columns)]))
    return _row_keys(candidates).isin(flagged).to_numpy()


def run_curation_job(store: Store, job: dict, actor: Actor, progress: Progress) -> dict:
    params = job["params"]
    record = round_queries.get_round(store, params["round_id"])
    dataset = queries.get_dataset(store, record.dataset_id)
    lineage = dataset.lineage or {}
    if lineage.get("generator") in DP_GENERATORS:
        raise ReviewsError(
            N_("Curation would refit a differentially private generator and spend its budget again; refused.")
        )
    model = round_queries.latest_model(store, record.id)
    # Both were checked when the job was queued (reviews.services.curation) and never go away.
    assert model is not None and dataset.train_id is not None
    progress(0.05, N_("refitting the generator on the training rows"))
    settings = lineage.get("settings") or {}
    generator = make_generator(
        lineage["generator"],
        seed=int(lineage["seed"]),
        epochs=settings.get("epochs"),
        batch_size=settings.get("batch_size"),
    )
    generator.fit(queries.load_frame(store, dataset.train_id))
    progress(0.5, N_("drawing candidates"))
    k, n = params["k"], params["rows"]
    candidates = generator.sample(n * k).drop(columns=[OUTLIER_FLAG], errors="ignore").reset_index(drop=True)
    progress(0.7, N_("scoring candidates with the preference model"))
    _context, features = ranking_rounds._reference(store, dataset)
    weights = model["weights"]
    utility = features.transform(candidates) @ np.array([weights.get(f, 0.0) for f in features.feature_names])
    reviewed = queries.load_frame(store, dataset.id).drop(columns=[OUTLIER_FLAG], errors="ignore")
    excluded = _flagged(store, record.id, reviewed, candidates)
    decision = acceptance_queries.latest_decision(store, dataset.id, accepted=False)
    if decision is not None:
        excluded |= ~(utility >= decision["threshold"])
    choice = choose_among_k(utility, k, params["beta"], params["mode"], ~excluded, params.get("seed", 0))
    kept = candidates.iloc[choice.kept].reset_index(drop=True)
    protected = list((dataset.labels or {}).get("protected") or [])
    report = curation_report(candidates, kept, utility, utility[choice.kept], protected)
    curation = {
        "source_dataset_id": dataset.id,
        "round_id": record.id,
        "model_id": model["id"],
        "model_batch": model["batch"],
        "weights_sha256": hashlib.sha256(json.dumps(weights, sort_keys=True).encode()).hexdigest(),
        "k": k,
        "beta": params["beta"],
        "mode": params["mode"],
        "seed": params.get("seed", 0),
        "candidates": len(candidates),
        "flagged_excluded": int(_flagged(store, record.id, reviewed, candidates).sum()),
        "acceptance_threshold": None if decision is None else float(decision["threshold"]),
        "empty_blocks": choice.empty_blocks,
        "refit": "generator refitted on the source training rows with the lineage's seed",
    }
    progress(0.95, N_("saving"))
    new_id = store.add_dataset(
        actor,
        NewDataset(
            f"{dataset.name} · curated K={k}",
            kept,
            kind="synthetic",
            parent_id=dataset.parent_id,
            depth=dataset.depth,
            purpose=dataset.purpose,
            labels={**(dataset.labels or {}), "curated_from": dataset.id},
            lineage={**lineage, "curation": curation},
            train_id=dataset.train_id,
            holdout_id=dataset.holdout_id,
        ),
        action="dataset.curate",
    )
    return {"dataset_id": new_id, "curation": curation, "report": report.to_dict()}
