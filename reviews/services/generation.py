"""Start a generation: check what can be checked at once, then queue the job.

Called by the Generate page and by anything else that asks for synthetic data. The depth
limit is checked here, so the steward sees a refusal at once, and again by the pipeline; so are
a DP generator's budget and declared domain, and the workspace's DP requirement for the privacy
purpose (``reviews.workspace.dp_requirement``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviews import queries
from reviews.jobs.kinds import GENERATE, job_kind
from reviews.lineage.depth_limit import current_depth_limit
from reviews.store import Store
from reviews.workspace.dp_requirement import check_generation
from reviews.workspace.permissions import Actor, require
from synth.errors import InputError
from synth.generators import GENERATOR_NAMES
from synth.generators.dp_budget import with_defaults
from synth.i18n import N_, Msg, joined, word
from synth.lineage.record import Sidecar, check_depth
from synth.pipeline import dp_problems
from synth.purposes import PURPOSES, AugmentationSpec, BiasSpec, PrivacySpec
from synth.stages import DEFAULT_STAGES, PRETRAINING


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
    epsilon: float | None = None  # DP generators only (defaults filled in when queued)
    delta: float | None = None
    domain: dict | None = None  # DP generators: declared public bounds/categories per column


def purpose_spec(purpose: dict):
    kind = purpose.get("purpose")
    if kind == "privacy":
        return PrivacySpec()
    if kind == "bias":
        return BiasSpec(
            protected=tuple(purpose.get("protected") or ()),
            target=purpose.get("target", "equal_groups"),
            label=purpose.get("label"),
            shares=purpose.get("shares"),
        )
    if kind == "augmentation":
        return AugmentationSpec(column=purpose.get("column") or "", target_share=purpose.get("target_share"))
    raise InputError(
        Msg(
            "Unknown purpose {purpose}: choose one of {choices}.",
            purpose=repr(kind),
            choices=joined(word(p) for p in PURPOSES),
        )
    )


def parent_sidecar(record: queries.DatasetRecord) -> Sidecar | None:
    sidecar = (record.lineage or {}).get("sidecar")
    return Sidecar.from_dict(sidecar) if record.kind != "real" and sidecar else None


def depth_override(store: Store, dataset_id: int) -> str | None:
    grant = queries.get_grant(store, "depth_override", dataset_id)
    return f"{grant['justification']} (officer {grant['by']})" if grant else None


def start_generation(store: Store, actor: Actor, request: GenerationRequest) -> int:
    """Check what can be checked now, then queue the generation; returns the job id."""
    require(actor, job_kind(GENERATE).permission)
    problems = []
    if request.generator not in GENERATOR_NAMES:
        problems.append(
            Msg(
                "unknown generator {name}; choose one of {choices}",
                name=repr(request.generator),
                choices=", ".join(GENERATOR_NAMES),
            )
        )
    if not request.purposes:
        problems.append(N_("choose at least one purpose"))
    if not 1 <= request.rows <= 1_000_000:
        problems.append(N_("ask for between 1 and 1,000,000 rows"))
    if PRETRAINING in request.stages and not queries.get_grant(store, "pretraining", request.dataset_id):
        problems.append(
            N_("pre-training is excluded by default; an officer must allow it for this dataset first")
        )
    epsilon, delta = with_defaults(request.generator, request.epsilon, request.delta)
    specs = []
    for purpose in request.purposes:
        try:
            specs.append(purpose_spec(purpose))
        except InputError as error:
            problems += error.problems
    problems += dp_problems(
        request.generator, specs, request.outlier_fraction, epsilon, delta, request.domain
    )
    if problems:
        raise InputError(problems)
    check_generation(store, request.generator, epsilon, [p.get("purpose") for p in request.purposes])
    parent = queries.get_dataset(store, request.dataset_id)
    check_depth(
        parent.depth + 1,
        max_depth=current_depth_limit(store),
        override_justification=depth_override(store, parent.id),
    )
    return store.enqueue_job(actor, GENERATE, {**request.__dict__, "epsilon": epsilon, "delta": delta})
