"""One whole generation: lineage check -> split -> fit -> sample by purpose -> outliers ->
PII fakes -> lineage record.

The caller profiles the table first and passes what profiling found (PII columns and
outlier regions), so this module needs neither a file nor the profiler.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from synth.errors import InputError
from synth.generators import make_generator
from synth.generators.base import Progress, report
from synth.generators.dp_budget import check_budget, check_domain, is_dp, with_defaults
from synth.generators.fake_pii import fill_pii
from synth.i18n import N_, Msg, word
from synth.lineage.record import DEFAULT_MAX_DEPTH, Lineage, Sidecar, build_lineage
from synth.outliers.inject import OUTLIER_FLAG, OutlierCoverage, inject_outliers, outlier_coverage
from synth.purposes import (
    AugmentationSpec,
    BiasSpec,
    PurposeDataset,
    PurposeSpec,
    TargetReport,
    sample_for_purpose,
)
from synth.split import DEFAULT_HOLDOUT_FRACTION, split_train_holdout
from synth.stages import StagePolicy, stage_policy

FIT_SHARE = 0.9  # of the overall progress bar; sampling and the rest take the remainder


@dataclass(frozen=True)
class GenerationResult:
    """A synthetic dataset for one purpose, with the real parts it came from and its record."""

    synthetic: pd.DataFrame
    train: pd.DataFrame
    holdout: pd.DataFrame
    purpose: str
    target_report: TargetReport
    outlier_coverage: list[OutlierCoverage]
    stages: StagePolicy
    lineage: Lineage
    forced_rows: int = 0  # rows whose conditioned values were set after a failed conditional draw
    settings: dict = field(default_factory=dict)

    @property
    def sidecar(self) -> Sidecar:
        return Sidecar(self.lineage, self.purpose, self.stages.allowed, self.stages.pretraining_justification)

    @property
    def dataset(self) -> PurposeDataset:
        return PurposeDataset(self.purpose, self.synthetic)


def _conditioned_columns(spec: PurposeSpec) -> set[str]:
    if isinstance(spec, BiasSpec):
        return set(spec.protected) | ({spec.label} if spec.label else set())
    if isinstance(spec, AugmentationSpec):
        return {spec.column}
    return set()


def _spec_settings(spec: PurposeSpec) -> dict:
    data = asdict(spec)
    if data.get("shares"):
        data["shares"] = {str(k): float(v) for k, v in data["shares"].items()}
    if "protected" in data:
        data["protected"] = list(data["protected"])
    return data


def run_generations(
    frame: pd.DataFrame,
    *,
    generator: str,
    purposes: Sequence[PurposeSpec],
    rows: int,
    seed: int,
    parent_sha256: str,
    parent: Sidecar | None = None,
    holdout_fraction: float = DEFAULT_HOLDOUT_FRACTION,
    label: str | None = None,
    pii_columns: Mapping[str, str] | None = None,
    outlier_regions: Sequence = (),
    outlier_fraction: float = 0.0,
    epochs: int | None = None,
    batch_size: int | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
    override_justification: str | None = None,
    stages: Sequence[str] | None = None,
    pretraining_justification: str | None = None,
    epsilon: float | None = None,
    delta: float | None = None,
    domain: dict | None = None,
    progress: Progress | None = None,
) -> list[GenerationResult]:
    """Fit one generator on the train split and make one dataset per purpose.

    Args:
        frame: the real (or parent synthetic) table, missing values as NaN.
        parent_sha256: sha256 of ``frame``'s file (``synth.lineage.record.file_sha256``).
        parent: ``frame``'s lineage sidecar when it is synthetic, else None.
        label: column to stratify the split by (defaults to the first purpose's label).
        pii_columns: column -> PII kind, from profiling; dropped before fit, faked after.
        outlier_regions: profiling's outlier reports (see ``synth.outliers.inject``).
        outlier_fraction: share of rows (0..0.05) to inject as flagged outliers; 0 = none.
        epsilon, delta, domain: the budget and declared domain of a DP generator (``mst``); its
            guarantee is then kept in each result's ``lineage.privacy``.

    Raises:
        LineageError: past the depth limit without an override justification.
        InputError / PurposeError / GenerationError: bad settings, or a failed generation.
    """
    # A parent's injection flags describe the parent; this run sets its own.
    frame = frame.drop(columns=[OUTLIER_FLAG], errors="ignore")
    pii = dict(pii_columns or {})
    problems = [
        Msg("PII column {column} is not in the table", column=repr(c)) for c in pii if c not in frame.columns
    ]
    if not purposes:
        problems.append(N_("choose at least one purpose"))
    if len({p.purpose for p in purposes}) != len(purposes):
        problems.append(N_("give each purpose once; one dataset is made per purpose"))
    if rows < 1:
        problems.append(Msg("rows must be >= 1, got {rows}", rows=rows))
    for spec in purposes:
        clash = sorted(_conditioned_columns(spec) & set(pii))
        if clash:
            problems.append(
                Msg(
                    "{columns} are PII columns and cannot drive the {purpose} purpose",
                    columns=str(clash),
                    purpose=word(spec.purpose),
                )
            )
    epsilon, delta = with_defaults(generator, epsilon, delta)
    problems += dp_problems(generator, purposes, outlier_fraction, epsilon, delta, domain)
    if problems:
        raise InputError(problems)
    policy = stage_policy(stages, pretraining_justification=pretraining_justification)
    settings = {
        "rows": rows,
        "holdout_fraction": holdout_fraction,
        "epochs": epochs,
        "batch_size": batch_size,
        "outlier_fraction": outlier_fraction,
        "pii_columns": dict(sorted(pii.items())),
    }
    if is_dp(generator):
        settings.update(epsilon=epsilon, delta=delta, domain=domain or None)
    lineages = {
        spec.purpose: build_lineage(
            parent_sha256=parent_sha256,
            parent=parent,
            generator=generator,
            settings={**settings, "purpose": _spec_settings(spec)},
            seed=seed,
            max_depth=max_depth,
            override_justification=override_justification,
        )
        for spec in purposes
    }
    stratify = label or next((getattr(p, "label", None) for p in purposes if getattr(p, "label", None)), None)
    split = split_train_holdout(frame, seed=seed, fraction=holdout_fraction, label=stratify)
    train = split.train.drop(columns=list(pii)).reset_index(drop=True)
    model = make_generator(
        generator,
        seed=seed,
        epochs=epochs,
        batch_size=batch_size,
        epsilon=epsilon,
        delta=delta,
        domain=domain,
    )
    model.fit(train, progress=lambda f, m: report(progress, f * FIT_SHARE, m))
    guarantee = getattr(model, "guarantee", None)
    if guarantee is not None:
        lineages = {purpose: replace(lineage, privacy=guarantee) for purpose, lineage in lineages.items()}
    regions = [r for r in outlier_regions if r.column in train.columns]
    results = []
    for number, spec in enumerate(purposes):
        report(
            progress,
            FIT_SHARE + (1 - FIT_SHARE) * number / len(purposes),
            Msg("sampling for {purpose}", purpose=word(spec.purpose)),
        )
        drawn = sample_for_purpose(model, spec, train, rows, seed=seed + 1)
        synthetic = drawn.frame
        if outlier_fraction:
            movable = [r for r in regions if r.column not in _conditioned_columns(spec)]
            synthetic = inject_outliers(synthetic, train, movable, fraction=outlier_fraction, seed=seed + 2)
        coverage = outlier_coverage(train, synthetic, regions)
        synthetic = fill_pii(synthetic, split.train, pii, seed=seed + 3, column_order=list(frame.columns))
        results.append(
            GenerationResult(
                synthetic=synthetic,
                train=split.train,
                holdout=split.holdout,
                purpose=spec.purpose,
                target_report=drawn.report,
                outlier_coverage=coverage,
                stages=policy,
                lineage=lineages[spec.purpose],
                forced_rows=int(getattr(model, "forced_rows", 0)),
                settings=lineages[spec.purpose].settings,
            )
        )
    report(progress, 1.0, N_("done"))
    return results


def dp_problems(generator, purposes, outlier_fraction, epsilon, delta, domain) -> list[str]:
    """What a DP generation cannot do (each step that reads the real rows again would void the
    guarantee), and ε/δ/domain given to a generator without one; empty when all is well."""
    if not is_dp(generator):
        try:
            check_budget(generator, epsilon, delta)
        except InputError as error:
            return error.problems
        return [Msg("a declared domain applies only to a differentially private generator")] if domain else []
    problems = []
    try:
        check_budget(generator, epsilon, delta)
        check_domain(domain)
    except InputError as error:
        problems += error.problems
    others = [p.purpose for p in purposes if p.purpose != "privacy"]
    if others:
        problems.append(
            Msg(
                "{name} supports the privacy purpose only: {purposes} would condition on real-data targets "
                "outside its guarantee",
                name=generator,
                purposes=", ".join(word(p) for p in others),
            )
        )
    if outlier_fraction:
        problems.append(
            Msg(
                "{name} cannot inject outliers: injected rows are perturbed real outliers, "
                "outside its guarantee",
                name=generator,
            )
        )
    return problems


def run_generation(frame: pd.DataFrame, *, purpose: PurposeSpec, **options) -> GenerationResult:
    """``run_generations`` for a single purpose; same keyword options."""
    return run_generations(frame, purposes=[purpose], **options)[0]
