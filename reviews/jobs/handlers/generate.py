"""Background job: generate synthetic data from a stored dataset, one dataset per purpose.

Train, holdout and every purpose's dataset are stored together or not at all; a cancelled or
failed job leaves nothing behind.
"""

from __future__ import annotations

from reviews import queries
from reviews.jobs.worker import Progress
from reviews.lineage.depth_limit import current_depth_limit
from reviews.services.generation import GenerationRequest, depth_override, parent_sidecar, purpose_spec
from reviews.store import NewDataset, Store
from reviews.workspace.dp_requirement import check_generation
from reviews.workspace.permissions import Actor
from synth.i18n import N_
from synth.pipeline import GenerationResult, run_generations
from synth.profile import source_facts
from synth.stages import PRETRAINING


def _labels(result: GenerationResult, request: GenerationRequest, purpose: dict) -> dict:
    protected = list(purpose.get("protected") or [])
    labels = {
        "generator": request.generator,
        "stages": list(result.stages.allowed),
        "pretraining_justification": result.stages.pretraining_justification,
        "protected": protected,
        "label": purpose.get("label") or request.label,
    }
    if result.lineage.privacy:
        labels["differential_privacy"] = {
            k: result.lineage.privacy[k] for k in ("epsilon", "delta", "unit_of_privacy", "library_version")
        }
    if purpose.get("purpose") == "bias":
        labels["deliberate_columns"] = protected + ([purpose["label"]] if purpose.get("label") else [])
        if len(protected) == 1:
            rows = result.target_report.to_frame()
            shares = rows[rows["label"].isna()] if "label" in rows else rows
            labels["bias_target"] = {
                protected[0]: {str(g): float(t) for g, t in zip(shares["group"], shares["target"])}
            }
    if purpose.get("purpose") == "augmentation":
        labels["deliberate_columns"] = [purpose.get("column")]
    return labels


def _lineage(result: GenerationResult) -> dict:
    return {
        **result.lineage.to_dict(),
        "sidecar": result.sidecar.to_dict(),
        "target_report": result.target_report.to_frame().to_dict("records"),
        "outlier_coverage": [
            {**c.__dict__, "share_covered": c.share_covered} for c in result.outlier_coverage
        ],
        "forced_rows": result.forced_rows,
    }


def run_generation_job(store: Store, job: dict, actor: Actor, progress: Progress) -> dict:
    request = GenerationRequest(**job["params"])
    # The requirement may have changed while the job waited in the queue.
    check_generation(store, request.generator, request.epsilon, [p.get("purpose") for p in request.purposes])
    parent = queries.get_dataset(store, request.dataset_id)
    frame = queries.load_frame(store, parent.id)
    progress(0.0, N_("profiling the source"))
    facts = source_facts(frame)
    pretraining = queries.get_grant(store, "pretraining", parent.id)
    results = run_generations(
        frame,
        generator=request.generator,
        purposes=[purpose_spec(p) for p in request.purposes],
        rows=request.rows,
        seed=request.seed,
        parent_sha256=parent.sha256,
        parent=parent_sidecar(parent),
        holdout_fraction=request.holdout_fraction,
        label=request.label,
        pii_columns=facts.pii_columns,
        outlier_regions=list(facts.outliers.values()),
        outlier_fraction=request.outlier_fraction,
        epochs=request.epochs,
        batch_size=request.batch_size,
        max_depth=current_depth_limit(store),
        override_justification=depth_override(store, parent.id),
        stages=request.stages,
        pretraining_justification=pretraining["justification"]
        if pretraining and PRETRAINING in request.stages
        else None,
        epsilon=request.epsilon,
        delta=request.delta,
        domain=request.domain,
        progress=progress,
    )
    first = results[0]
    split = {"kind": parent.kind, "parent_id": parent.id, "depth": parent.depth}
    train = NewDataset(f"{parent.name} · train", first.train, labels={"split": "train"}, **split)
    holdout = NewDataset(f"{parent.name} · holdout", first.holdout, labels={"split": "holdout"}, **split)
    synthetic = [
        NewDataset(
            f"{parent.name} · {r.purpose} · {request.generator}",
            r.synthetic,
            kind="synthetic",
            parent_id=parent.id,
            depth=r.lineage.depth,
            purpose=r.purpose,
            labels=_labels(r, request, purpose),
            lineage=_lineage(r),
        )
        for r, purpose in zip(results, request.purposes)
    ]
    progress(0.99, N_("saving"))
    train_id, holdout_id, ids = store.add_generation(actor, train, holdout, synthetic)
    return {"dataset_ids": ids, "train_id": train_id, "holdout_id": holdout_id}
