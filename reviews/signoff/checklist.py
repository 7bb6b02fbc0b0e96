"""The sign-off checklist: one item per norm, data quality, the evaluation's gates, the
sampling inspection and the documentation, each filled in from what earlier steps stored.

Statuses: ``pass``, ``warn``, ``fail``, ``missing`` (no evidence yet) and ``n/a`` (the item
does not apply, e.g. no fairness gate for a privacy dataset). ``fail`` and ``missing``
block approval unless the officer overrides them with a justification; ``warn`` does not.

Thresholds chosen here (the rest come from the stored gates and inspection):

* quality score (0-100, see ``synth.profile.quality``): pass from 80, warn from 60;
* outliers kept (norm 2): the share of real outliers with a synthetic counterpart, over all
  columns, passes from 0.5 and warns above 0;
* reviewer agreement (norm 6): Krippendorff's alpha below 0.667 warns
  (``reviews.ranking.agreement.ALPHA_THRESHOLD``) unless an officer accepted it with a
  justification (grant ``low_agreement_accepted``); it also warns while a reviewer with low
  reliability or gold accuracy is weighted above ``reviews.ranking.reliability.MIN_WEIGHT``
  (see ``reviews.ranking.reviewer_quality``).

The differential-privacy item shows the guarantee recorded in the lineage (ε, δ, unit of
privacy, library) and whether it meets the workspace's requirement for the privacy purpose
(``reviews.workspace.dp_requirement``). Accepted rows warn at best: reviewers chose them while
seeing where each value sits in the real data, a step the guarantee does not cover.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from reviews import queries
from reviews.errors import PermissionDenied, ReviewsError
from reviews.queries import acceptance as acceptance_queries
from reviews.queries import inspections as inspection_queries
from reviews.queries import rounds as round_queries
from reviews.queries.evaluations import latest_evaluation
from reviews.ranking.agreement import ALPHA_THRESHOLD, agreement_report
from reviews.ranking.reliability import MIN_WEIGHT
from reviews.ranking.report import round_reviewer_quality
from reviews.signoff.documentation import ART10, DATASHEET, GROUP_TITLES, documentation_for, source_dataset
from reviews.store import Store
from reviews.workspace.dp_requirement import current_requirement, guarantee_meets
from reviews.workspace.permissions import Actor
from synth.i18n import N_, Msg, joined, stored_message, word
from synth.metrics.privacy.guarantee import describe_guarantee
from synth.profile.quality import assess_quality
from synth.purposes.gates import gate_explanation
from synth.stages import PRETRAINING

PASS, WARN, FAIL, MISSING, NOT_APPLICABLE = "pass", "warn", "fail", "missing", "n/a"
STATUSES = (PASS, WARN, FAIL, MISSING, NOT_APPLICABLE)
BLOCKING = (FAIL, MISSING)
_SEVERITY = {NOT_APPLICABLE: 0, PASS: 1, WARN: 2, MISSING: 3, FAIL: 4}
QUALITY_PASS, QUALITY_WARN = 80.0, 60.0
OUTLIERS_PASS = 0.5
GATE_CATEGORIES = ("fidelity", "privacy", "fairness", "utility")
GATE_TITLES = {
    "privacy": N_("Privacy gates"),
    "fairness": N_("Fairness gates"),
    "utility": N_("Utility gates"),
}
NO_GATE = {
    "privacy": N_("No privacy gate applies to purpose {purpose}."),
    "fairness": N_("No fairness gate applies to purpose {purpose}."),
    "utility": N_("No utility gate applies to purpose {purpose}."),
}
GATE_STATUS_NAMES = {PASS: N_("PASS"), WARN: N_("WARN"), FAIL: N_("FAIL")}  # as the evidence writes them


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: what it checks, its status and the evidence behind it.

    ``title`` is fixed text (``N_``) and ``evidence`` a ``Msg`` or fixed text: English where they
    are stored and signed (a ``Msg`` is its English text), translated where the page shows them."""

    key: str
    title: str
    group: str  # norms | data | gates | inspection | documentation
    norm: int | None
    status: str
    evidence: str
    links: tuple[str, ...] = ()
    details: dict = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.status in BLOCKING


@dataclass(frozen=True)
class Checklist:
    """Every item for one dataset, plus the evaluation the gate items came from."""

    dataset_id: int
    items: tuple[ChecklistItem, ...]
    evaluation_id: int | None

    @property
    def blocking(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.blocking]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}

    def item(self, key: str) -> ChecklistItem:
        return next(i for i in self.items if i.key == key)

    def to_dict(self) -> dict:
        """What the signed record keeps: English only (see ``english_only``)."""
        return {
            "dataset_id": self.dataset_id,
            "evaluation_id": self.evaluation_id,
            "items": [
                {**asdict(i), "links": list(i.links), "details": english_only(i.details)} for i in self.items
            ],
        }


def english_only(value):
    """``value`` without the translatable forms that stored results keep beside their English text
    (``explanation_data`` beside ``explanation``...): the signed record holds the English, as always."""
    if isinstance(value, dict):
        return {
            k: english_only(v)
            for k, v in value.items()
            if not (k.endswith("_data") and k[: -len("_data")] in value and isinstance(v, (dict, list)))
        }
    if isinstance(value, (list, tuple)):
        return type(value)(english_only(v) for v in value)
    return value


def worst(statuses) -> str:
    """The most severe status of several (``n/a`` when there are none)."""
    return max(statuses, key=_SEVERITY.__getitem__, default=NOT_APPLICABLE)


def gate_category(name: str) -> str:
    """Which family a gate belongs to, from its name (custom gates follow the same words)."""
    if "fidelity" in name or "coverage" in name:
        return "fidelity"
    if "parity" in name or "fair" in name:
        return "fairness"
    if "utility" in name:
        return "utility"
    return "privacy"


def checklist_for(store: Store, actor: Actor, dataset_id: int) -> Checklist:
    """Build the checklist of a synthetic or accepted dataset from the stored evidence."""
    if not (actor.can("sign_off") or actor.can("export")):
        raise PermissionDenied(
            Msg(
                "{user} ({role}) may not see sign-off checklists; ask an officer or a steward.",
                user=actor.username,
                role=word(actor.role),
            )
        )
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real":
        raise ReviewsError(N_("Sign-off applies to synthetic or accepted datasets; pick one of those."))
    evaluation, inherited = evaluation_for(store, dataset)
    gates = [] if evaluation is None else list((evaluation["result"] or {}).get("gates") or [])
    items = [
        _purpose(dataset, evaluation, gates, inherited),
        _outliers(dataset),
        _source_quality(store, dataset),
        _stages(dataset),
        _depth(dataset),
        _human_judgement(store, dataset),
        _data_quality(store, dataset),
        *(
            _gate_item(category, dataset, evaluation, gates, inherited)
            for category in ("privacy", "fairness", "utility")
        ),
        _dp_guarantee(store, dataset),
        _inspection(store, dataset),
        *_documentation(store, dataset),
    ]
    return Checklist(dataset_id, tuple(items), evaluation and evaluation["id"])


def evaluation_for(store: Store, dataset: queries.DatasetRecord) -> tuple[dict | None, bool]:
    """The dataset's newest evaluation; for accepted rows without one, the parent's (flagged as inherited)."""
    own = latest_evaluation(store, dataset.id)
    if own is not None or dataset.kind != "accepted" or dataset.parent_id is None:
        return own, False
    parent = latest_evaluation(store, dataset.parent_id)
    return parent, parent is not None


def _cap(status: str, inherited: bool) -> str:
    # Evidence measured on the parent's rows says less about the accepted subset: at best a warning.
    return WARN if inherited and status == PASS else status


def _with_inherited_note(text: str, evaluation: dict | None, inherited: bool) -> str:
    if not inherited:
        return text
    return Msg(
        "{text} Measured on the parent dataset (evaluation:{evaluation}); evaluate the accepted rows "
        "for direct evidence.",
        text=text,
        evaluation=evaluation["id"],
    )


def _gate_text(gates: list[dict]) -> str:
    return joined(
        (
            Msg(
                "{name} {status} ({explanation})",
                name=g["name"],
                status=word(GATE_STATUS_NAMES.get(g["status"], g["status"].upper())),
                explanation=gate_explanation(g),
            )
            for g in gates
        ),
        "; ",
    )


def _purpose(dataset, evaluation, gates, inherited) -> ChecklistItem:
    title, links = N_("Purpose decides fidelity"), (f"dataset:{dataset.id}",)
    if not dataset.purpose:
        return ChecklistItem(
            "norm1_purpose", title, "norms", 1, MISSING, N_("The dataset carries no purpose label."), links
        )
    purpose = word(dataset.purpose)
    if evaluation is None:
        return ChecklistItem(
            "norm1_purpose",
            title,
            "norms",
            1,
            MISSING,
            Msg(
                "Purpose {purpose}; no evaluation yet, so its gates are unknown. Evaluate it.",
                purpose=purpose,
            ),
            links,
        )
    links += (f"evaluation:{evaluation['id']}",)
    judged = (evaluation["result"] or {}).get("purpose")
    if judged and judged != dataset.purpose:
        return ChecklistItem(
            "norm1_purpose",
            title,
            "norms",
            1,
            FAIL,
            Msg(
                "Labelled {purpose} but evaluated against the {judged} gates.",
                purpose=purpose,
                judged=word(judged),
            ),
            links,
        )
    fidelity = [g for g in gates if gate_category(g["name"]) == "fidelity"]
    deliberate = (dataset.labels or {}).get("deliberate_columns") or []
    text = Msg(
        "Purpose {purpose}, judged by that purpose's gates. {gates}",
        purpose=purpose,
        gates=_gate_text(fidelity) or Msg("No fidelity gate."),
    )
    if deliberate:
        text = Msg(
            "{text} Columns changed on purpose: {columns}.",
            text=text,
            columns=", ".join(map(str, deliberate)),
        )
    status = _cap(worst(g["status"] for g in fidelity) if fidelity else PASS, inherited)
    return ChecklistItem(
        "norm1_purpose",
        title,
        "norms",
        1,
        status,
        _with_inherited_note(text, evaluation, inherited),
        links,
        {
            "purpose": dataset.purpose,
            "gates": fidelity,
            "deliberate_columns": deliberate,
            "bias_target": (dataset.labels or {}).get("bias_target"),
        },
    )


def _outliers(dataset) -> ChecklistItem:
    title, links = N_("Keep a few outliers"), (f"dataset:{dataset.id}",)
    coverage = (dataset.lineage or {}).get("outlier_coverage")
    if coverage is None:
        return ChecklistItem(
            "norm2_outliers", title, "norms", 2, MISSING, N_("No outlier coverage was measured."), links
        )
    real = sum(c["real_outliers"] for c in coverage)
    covered = sum(c["covered"] for c in coverage)
    injected = (dataset.lineage or {}).get("settings", {}).get("outlier_fraction") or 0
    if real == 0:
        return ChecklistItem(
            "norm2_outliers",
            title,
            "norms",
            2,
            PASS,
            N_("The source had no outliers to keep."),
            links,
            {"real_outliers": 0, "covered": 0, "injected_fraction": injected},
        )
    share = covered / real
    status = PASS if share >= OUTLIERS_PASS else (WARN if covered else FAIL)
    columns = ", ".join(
        f"{c['column']} {c['covered']}/{c['real_outliers']}" for c in coverage if c["real_outliers"]
    )
    text = Msg(
        "{covered} of {real} real outliers ({share:.0%}) have a synthetic counterpart ({columns}); "
        "injected outlier fraction {injected}.",
        covered=covered,
        real=real,
        share=share,
        columns=columns,
        injected=injected,
    )
    return ChecklistItem(
        "norm2_outliers",
        title,
        "norms",
        2,
        status,
        text,
        links,
        {"real_outliers": real, "covered": covered, "share_covered": share, "injected_fraction": injected},
    )


def _quality_status(score: float) -> str:
    return PASS if score >= QUALITY_PASS else (WARN if score >= QUALITY_WARN else FAIL)


def _findings_text(findings: list[dict]) -> str:
    # A finding's kind is an identifier; its English is the identifier, its translation a name.
    return joined(
        (
            Msg(
                "{kind} in {column}: {detail}",
                kind=word(f["kind"]),
                column=str(f["column"]),
                detail=stored_message(f, "detail"),
            )
            if f.get("column")
            else Msg("{kind}: {detail}", kind=word(f["kind"]), detail=stored_message(f, "detail"))
            for f in findings[:5]
        ),
        "; ",
    ) or Msg("no findings")


def _source_quality(store, dataset) -> ChecklistItem:
    title = N_("Quality in, quality out")
    source = source_dataset(store, dataset)
    quality = (source.profile or {}).get("quality") if source else None
    if quality is None:
        return ChecklistItem(
            "norm3_source_quality",
            title,
            "norms",
            3,
            MISSING,
            N_("The real source has no quality profile."),
            (f"dataset:{dataset.id}",),
        )
    text = Msg(
        "Source dataset:{id} quality score {score:.0f}/100: {findings}.",
        id=source.id,
        score=quality["score"],
        findings=_findings_text(quality["findings"]),
    )
    return ChecklistItem(
        "norm3_source_quality",
        title,
        "norms",
        3,
        _quality_status(quality["score"]),
        text,
        (f"dataset:{source.id}",),
        {"score": quality["score"], "findings": quality["findings"]},
    )


def _stages(dataset) -> ChecklistItem:
    title, links = N_("Limit the training stage"), (f"dataset:{dataset.id}",)
    labels = dataset.labels or {}
    stages = labels.get("stages")
    if not stages:
        return ChecklistItem(
            "norm4_stages",
            title,
            "norms",
            4,
            MISSING,
            N_("The dataset carries no training-stage label."),
            links,
        )
    justification = labels.get("pretraining_justification")
    names = joined(map(word, stages))
    if PRETRAINING not in stages:
        status, text = PASS, Msg("May feed {stages}; pre-training excluded.", stages=names)
    elif justification:
        status, text = (
            WARN,
            Msg(
                "May feed {stages}; pre-training allowed because: {justification}",
                stages=names,
                justification=justification,
            ),
        )
    else:
        status, text = (
            FAIL,
            Msg("May feed {stages}, including pre-training, without a recorded justification.", stages=names),
        )
    return ChecklistItem(
        "norm4_stages",
        title,
        "norms",
        4,
        status,
        text,
        links,
        {"stages": list(stages), "pretraining_justification": justification},
    )


def _depth(dataset) -> ChecklistItem:
    title, links = N_("Limit rounds of synthetic-on-synthetic"), (f"dataset:{dataset.id}",)
    lineage = dataset.lineage or {}
    if "max_depth" not in lineage:
        return ChecklistItem("norm5_depth", title, "norms", 5, MISSING, N_("No lineage was recorded."), links)
    limit, justification = lineage["max_depth"], lineage.get("override_justification")
    if dataset.parent_id is not None:
        links += (f"dataset:{dataset.parent_id}",)
    if dataset.depth <= limit:
        status, text = (
            PASS,
            Msg("Generation depth {depth} within the limit of {limit}.", depth=dataset.depth, limit=limit),
        )
    elif justification:
        status, text = (
            WARN,
            Msg(
                "Depth {depth} past the limit of {limit}, overridden: {justification}",
                depth=dataset.depth,
                limit=limit,
                justification=justification,
            ),
        )
    else:
        status, text = (
            FAIL,
            Msg(
                "Depth {depth} past the limit of {limit} without a justification.",
                depth=dataset.depth,
                limit=limit,
            ),
        )
    details = {"depth": dataset.depth, "max_depth": limit, "override_justification": justification}
    curation = lineage.get("curation")
    if curation:  # curated from a round: same generator and depth, rows chosen by the preference model
        details["curation"] = curation
        text = joined([text, _curation_text(curation)], " ")
    return ChecklistItem("norm5_depth", title, "norms", 5, status, text, links, details)


_CURATION_MODES = {"softmax": N_("softmax of the reward"), "best_of_k": N_("best of K")}


def _curation_text(curation: dict) -> Msg:
    return Msg(
        "Curated from round {round} by {mode} among K = {k} (beta {beta}), model {model} "
        "(weights sha256 {digest}), at the depth of its source.",
        round=curation.get("round_id"),
        mode=word(_CURATION_MODES.get(str(curation.get("mode")), curation.get("mode"))),
        k=curation.get("k"),
        beta=curation.get("beta"),
        model=curation.get("model_id"),
        digest=str(curation.get("weights_sha256", ""))[:12],
    )


def _reviewed_dataset_id(dataset) -> int:
    # Rounds run on synthetic rows; accepted rows were judged in their parent's rounds.
    return dataset.parent_id if dataset.kind == "accepted" and dataset.parent_id else dataset.id


def _human_judgement(store, dataset) -> ChecklistItem:
    title = N_("Human judgement decides")
    reviewed = _reviewed_dataset_id(dataset)
    rounds = round_queries.list_rounds(store, reviewed)
    answered = round_queries.answer_counts(store, [r.id for r in rounds])
    decision = acceptance_queries.latest_decision(store, dataset.id, accepted=dataset.kind == "accepted")
    used = [r for r in rounds if answered.get(r.id)]
    links = tuple(f"round:{r.id}" for r in used)
    if not used:
        return ChecklistItem(
            "norm6_human_judgement",
            title,
            "norms",
            6,
            MISSING,
            Msg("No review round on dataset:{dataset_id} has answers yet.", dataset_id=reviewed),
            (f"dataset:{reviewed}",),
        )
    round_id = decision["round_id"] if decision else used[-1].id
    agreement = agreement_report(round_queries.ranking_answers(store, round_id))
    alpha = agreement.alpha
    alpha_text = (
        Msg("not measurable (no task answered by two reviewers)") if alpha != alpha else f"{alpha:.3f}"
    )
    total = sum(answered[r.id] for r in used)
    text = Msg(
        "{answers} answers in {rounds} round(s); agreement alpha {alpha} in round:{round_id}.",
        answers=total,
        rounds=len(used),
        alpha=alpha_text,
        round_id=round_id,
    )
    if decision is None:
        status = WARN
        text = Msg(
            "{text} No acceptance was applied: approval normally applies to the accepted rows.", text=text
        )
    else:
        counts = decision["counts"] or {}
        text = Msg(
            "{text} Acceptance applied by {user} at threshold {threshold:.4g} (accepted {accepted} rows).",
            text=text,
            user=decision["decided_by"],
            threshold=decision["threshold"],
            accepted=counts.get("accepted", "?"),
        )
        quality = round_reviewer_quality(store, round_id)
        justified = queries.get_grant(store, "low_agreement_accepted", reviewed)
        low_agreement = not (alpha == alpha and alpha >= ALPHA_THRESHOLD)
        status = WARN if (low_agreement and not justified) or quality.weighted_unreliable else PASS
        if low_agreement and justified:
            text = Msg(
                "{text} Agreement below {threshold} accepted by {officer}: {justification}",
                text=text,
                threshold=ALPHA_THRESHOLD,
                officer=justified["by"],
                justification=justified["justification"],
            )
        if quality.weighted_unreliable:
            text = Msg(
                "{text} Unreliable reviewer(s) still weighted above {weight} in the model: {names}.",
                text=text,
                weight=MIN_WEIGHT,
                names=", ".join(quality.weighted_unreliable),
            )
        links += (f"dataset:{decision['accepted_dataset_id']}",)
    return ChecklistItem(
        "norm6_human_judgement",
        title,
        "norms",
        6,
        status,
        text,
        links,
        {
            "answers": sum(answered[r.id] for r in used),
            "alpha": None if alpha != alpha else alpha,
            "acceptance": None
            if decision is None
            else {
                "round_id": decision["round_id"],
                "threshold": decision["threshold"],
                "decided_by": decision["decided_by"],
                "counts": decision["counts"],
            },
        },
    )


def _data_quality(store, dataset) -> ChecklistItem:
    source = source_dataset(store, dataset)
    types = {c["name"]: c["type"] for c in ((source.profile or {}) if source else {}).get("columns", [])}
    frame = queries.load_frame(store, dataset.id)
    frame = frame[[c for c in frame.columns if c in types]]
    if not types:
        return ChecklistItem(
            "data_quality",
            N_("Data quality"),
            "data",
            None,
            MISSING,
            N_("Column types are unknown (the source has no profile)."),
            (f"dataset:{dataset.id}",),
        )
    report = assess_quality(frame, types)
    text = Msg(
        "This dataset's quality score {score:.0f}/100: {findings}.",
        score=report.score,
        findings=_findings_text(report.findings),
    )
    return ChecklistItem(
        "data_quality",
        N_("Data quality"),
        "data",
        None,
        _quality_status(report.score),
        text,
        (f"dataset:{dataset.id}",),
        report.to_dict(),
    )


def _gate_item(category, dataset, evaluation, gates, inherited) -> ChecklistItem:
    key, title = f"gates_{category}", GATE_TITLES[category]
    if evaluation is None:
        return ChecklistItem(
            key,
            title,
            "gates",
            None,
            MISSING,
            N_("No evaluation yet; evaluate the dataset."),
            (f"dataset:{dataset.id}",),
        )
    links = (f"evaluation:{evaluation['id']}",)
    chosen = [g for g in gates if gate_category(g["name"]) == category]
    if not chosen:
        return ChecklistItem(
            key,
            title,
            "gates",
            None,
            NOT_APPLICABLE,
            Msg(NO_GATE[category], purpose=word(dataset.purpose)),
            links,
        )
    status = _cap(worst(g["status"] for g in chosen), inherited)
    return ChecklistItem(
        key,
        title,
        "gates",
        None,
        status,
        _with_inherited_note(_gate_text(chosen), evaluation, inherited),
        links,
        {"gates": chosen},
    )


def _dp_guarantee(store, dataset) -> ChecklistItem:
    title, links = N_("Differential privacy guarantee"), (f"dataset:{dataset.id}",)
    guarantee = (dataset.lineage or {}).get("privacy")
    requirement = current_requirement(store)
    required = requirement.required and dataset.purpose == "privacy"
    details = {"guarantee": guarantee, "requirement": requirement.to_dict(), "required": required}
    if guarantee is None:
        if not required:
            return ChecklistItem(
                "dp_guarantee",
                title,
                "gates",
                None,
                NOT_APPLICABLE,
                N_("No formal guarantee: the generator is not differentially private, and none is required."),
                links,
                details,
            )
        return ChecklistItem(
            "dp_guarantee",
            title,
            "gates",
            None,
            FAIL,
            Msg(
                "The privacy purpose requires a differentially private generator with epsilon at most "
                "{limit:g}; this dataset has no such guarantee.",
                limit=requirement.max_epsilon,
            ),
            links,
            details,
        )
    text = describe_guarantee(guarantee)
    status = PASS
    if required and not guarantee_meets(requirement, guarantee):
        status = FAIL
        text = Msg(
            "{text} The privacy purpose allows epsilon at most {limit:g}.",
            text=text,
            limit=requirement.max_epsilon,
        )
    elif required:
        text = Msg(
            "{text} Meets the required epsilon of at most {limit:g}.",
            text=text,
            limit=requirement.max_epsilon,
        )
    if dataset.kind == "accepted":
        status = worst([status, WARN])
        text = Msg(
            "{text} These rows were accepted by reviewers who saw where values sit in the real data; the "
            "guarantee covers the generated dataset, not this choice.",
            text=text,
        )
    return ChecklistItem("dp_guarantee", title, "gates", None, status, text, links, details)


def _inspection(store, dataset) -> ChecklistItem:
    title = N_("Sampling inspection")
    row = inspection_queries.latest_inspection(store, dataset.id)
    if row is None:
        text = (
            Msg("No sampling inspection of dataset:{dataset_id}.", dataset_id=dataset.id)
            if dataset.kind == "accepted"
            else Msg(
                "No sampling inspection of dataset:{dataset_id}. Inspections run on accepted rows; "
                "apply acceptance first.",
                dataset_id=dataset.id,
            )
        )
        return ChecklistItem(
            "inspection", title, "inspection", None, MISSING, text, (f"dataset:{dataset.id}",)
        )
    links = (f"inspection:{row['id']}",)
    if row["status"] == "open":
        return ChecklistItem(
            "inspection",
            title,
            "inspection",
            None,
            MISSING,
            Msg("inspection:{id} is still open; finish judging its sample.", id=row["id"]),
            links,
        )
    result = row["result"] or {}
    text = Msg(
        "inspection:{id} {status}: {passed}/{inspected} rows passed; 95% Wilson lower bound {lower:.3f} "
        "against the required {required:.2f}.",
        id=row["id"],
        status=word(row["status"]),
        passed=result.get("passed_rows"),
        inspected=result.get("inspected"),
        lower=result.get("lower_bound", float("nan")),
        required=row["min_lower"],
    )
    return ChecklistItem(
        "inspection",
        title,
        "inspection",
        None,
        PASS if row["status"] == "passed" else FAIL,
        text,
        links,
        dict(result),
    )


def _documentation(store, dataset) -> list[ChecklistItem]:
    documentation = documentation_for(store, dataset.id)
    items = []
    for group in (ART10, DATASHEET):
        states = documentation.group(group)
        empty = [f.spec.label for f in states if not f.written]
        text = (
            Msg("All fields written.")
            if not empty
            else Msg("Still to write: {fields}.", fields=joined(map(word, empty)))
        )
        if documentation.written_by:
            text = Msg(
                "{text} Last saved by {user} (version {version}).",
                text=text,
                user=documentation.written_by,
                version=documentation.version,
            )
        items.append(
            ChecklistItem(
                f"documentation_{group}",
                GROUP_TITLES[group],
                "documentation",
                None,
                PASS if not empty else MISSING,
                text,
                (f"dataset:{dataset.id}",),
                {"missing": empty, "version": documentation.version},
            )
        )
    return items
