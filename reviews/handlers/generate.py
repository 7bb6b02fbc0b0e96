"""Background job: generate synthetic data from a stored dataset, one dataset per purpose.

The depth limit is checked when the job is queued (so the steward sees the refusal at once)
and again by the pipeline. Train, holdout and every purpose's dataset are stored together or
not at all; a cancelled or failed job leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviews import queries
from reviews.depth_limit import current_depth_limit
from reviews.permissions import Actor, require
from reviews.store import NewDataset, Store
from reviews.worker import Progress, handler
from synth.errors import InputError
from synth.i18n import joined, N_, word, Msg
from synth.generators import GENERATOR_NAMES
from synth.lineage import Sidecar, check_depth
from synth.pipeline import GenerationResult, run_generations
from synth.profile import profile_table
from synth.purposes import PURPOSES, AugmentationSpec, BiasSpec, PrivacySpec
from synth.stages import DEFAULT_STAGES, PRETRAINING

KIND = "generate"


@dataclass(frozen=True)
class GenerationRequest:
    """What a steward asks for on the Generate page (or the API)."""

    dataset_id: int
    generator: str
    purposes: list[dict]
    rows: int
    seed: int = 0
    holdout_fraction: float = 0.2
    label: str | None = None
    outlier_fraction: float = 0.0
    epochs: int | None = None
    batch_size: int | None = None
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))


def _spec(purpose: dict):
    kind = purpose.get("purpose")
    if kind == "privacy":
        return PrivacySpec()
    if kind == "bias":
        return BiasSpec(protected=tuple(purpose.get("protected") or ()), target=purpose.get("target", "equal_groups"),
                        label=purpose.get("label"), shares=purpose.get("shares"))
    if kind == "augmentation":
        return AugmentationSpec(column=purpose.get("column") or "", target_share=purpose.get("target_share"))
    raise InputError(Msg("Unknown purpose {purpose}: choose one of {choices}.", purpose=repr(kind),
                         choices=joined(word(p) for p in PURPOSES)))


def _parent_sidecar(record: queries.DatasetRecord) -> Sidecar | None:
    sidecar = (record.lineage or {}).get("sidecar")
    return Sidecar.from_dict(sidecar) if record.kind != "real" and sidecar else None


def _override(store: Store, dataset_id: int) -> str | None:
    grant = queries.get_grant(store, "depth_override", dataset_id)
    return f"{grant['justification']} (officer {grant['by']})" if grant else None


def start_generation(store: Store, actor: Actor, request: GenerationRequest) -> int:
    """Check what can be checked now, then queue the generation; returns the job id."""
    require(actor, "generate")
    problems = []
    if request.generator not in GENERATOR_NAMES:
        problems.append(Msg("unknown generator {name}; choose one of {choices}", name=repr(request.generator),
                            choices=", ".join(GENERATOR_NAMES)))
    if not request.purposes:
        problems.append(N_("choose at least one purpose"))
    if not 1 <= request.rows <= 1_000_000:
        problems.append(N_("ask for between 1 and 1,000,000 rows"))
    if PRETRAINING in request.stages and not queries.get_grant(store, "pretraining", request.dataset_id):
        problems.append(N_("pre-training is excluded by default; an officer must allow it for this dataset first"))
    if problems:
        raise InputError(problems)
    for purpose in request.purposes:
        _spec(purpose)
    parent = queries.get_dataset(store, request.dataset_id)
    check_depth(parent.depth + 1, max_depth=current_depth_limit(store), override_justification=_override(store, parent.id))
    return store.enqueue_job(actor, KIND, request.__dict__, "generate")


def _labels(result: GenerationResult, request: GenerationRequest, purpose: dict) -> dict:
    protected = list(purpose.get("protected") or [])
    labels = {"generator": request.generator, "stages": list(result.stages.allowed),
              "pretraining_justification": result.stages.pretraining_justification,
              "protected": protected, "label": purpose.get("label") or request.label}
    if purpose.get("purpose") == "bias":
        labels["deliberate_columns"] = protected + ([purpose["label"]] if purpose.get("label") else [])
        if len(protected) == 1:
            rows = result.target_report.to_frame()
            shares = rows[rows["label"].isna()] if "label" in rows else rows
            labels["bias_target"] = {protected[0]: {str(g): float(t) for g, t in zip(shares["group"], shares["target"])}}
    if purpose.get("purpose") == "augmentation":
        labels["deliberate_columns"] = [purpose.get("column")]
    return labels


def _lineage(result: GenerationResult) -> dict:
    return {**result.lineage.to_dict(), "sidecar": result.sidecar.to_dict(),
            "target_report": result.target_report.to_frame().to_dict("records"),
            "outlier_coverage": [{**c.__dict__, "share_covered": c.share_covered} for c in result.outlier_coverage],
            "forced_rows": result.forced_rows}


@handler(KIND)
def run_generation_job(store: Store, job: dict, progress: Progress) -> dict:
    request = GenerationRequest(**job["params"])
    actor = Actor(job["created_by"], "system")
    parent = queries.get_dataset(store, request.dataset_id)
    frame = queries.load_frame(store, parent.id)
    progress(0.0, N_("profiling the source"))
    profile = profile_table(frame)
    pretraining = queries.get_grant(store, "pretraining", parent.id)
    results = run_generations(
        frame, generator=request.generator, purposes=[_spec(p) for p in request.purposes], rows=request.rows,
        seed=request.seed, parent_sha256=parent.sha256, parent=_parent_sidecar(parent),
        holdout_fraction=request.holdout_fraction, label=request.label, pii_columns=profile.pii_columns(),
        outlier_regions=list(profile.outliers.values()), outlier_fraction=request.outlier_fraction,
        epochs=request.epochs, batch_size=request.batch_size, max_depth=current_depth_limit(store),
        override_justification=_override(store, parent.id), stages=request.stages,
        pretraining_justification=pretraining["justification"] if pretraining and PRETRAINING in request.stages else None,
        progress=progress)
    first = results[0]
    split = {"kind": parent.kind, "parent_id": parent.id, "depth": parent.depth}
    train = NewDataset(f"{parent.name} · train", first.train, labels={"split": "train"}, **split)
    holdout = NewDataset(f"{parent.name} · holdout", first.holdout, labels={"split": "holdout"}, **split)
    synthetic = [
        NewDataset(f"{parent.name} · {r.purpose} · {request.generator}", r.synthetic, kind="synthetic",
                   parent_id=parent.id, depth=r.lineage.depth, purpose=r.purpose,
                   labels=_labels(r, request, purpose), lineage=_lineage(r))
        for r, purpose in zip(results, request.purposes)
    ]
    progress(0.99, N_("saving"))
    train_id, holdout_id, ids = store.add_generation(actor, train, holdout, synthetic)
    return {"dataset_ids": ids, "train_id": train_id, "holdout_id": holdout_id}
