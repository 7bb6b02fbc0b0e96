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
  (``reviews.agreement.ALPHA_THRESHOLD``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select

from reviews import queries, round_queries
from reviews.agreement import ALPHA_THRESHOLD, agreement_report
from reviews.errors import PermissionDenied, ReviewsError
from reviews.evaluation_flow import latest_evaluation
from reviews.permissions import Actor
from reviews.schema import acceptance_decisions, inspections, review_responses
from reviews.signoff.documentation import ART10, DATASHEET, GROUP_TITLES, documentation_for, source_dataset
from reviews.store import Store
from synth.profile.quality import assess_quality
from synth.stages import PRETRAINING

PASS, WARN, FAIL, MISSING, NOT_APPLICABLE = "pass", "warn", "fail", "missing", "n/a"
STATUSES = (PASS, WARN, FAIL, MISSING, NOT_APPLICABLE)
BLOCKING = (FAIL, MISSING)
_SEVERITY = {NOT_APPLICABLE: 0, PASS: 1, WARN: 2, MISSING: 3, FAIL: 4}
QUALITY_PASS, QUALITY_WARN = 80.0, 60.0
OUTLIERS_PASS = 0.5
GATE_CATEGORIES = ("fidelity", "privacy", "fairness", "utility")


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: what it checks, its status and the evidence behind it."""

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
        return {"dataset_id": self.dataset_id, "evaluation_id": self.evaluation_id,
                "items": [{**asdict(i), "links": list(i.links)} for i in self.items]}


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
        raise PermissionDenied(f"{actor.username} ({actor.role}) may not see sign-off checklists; "
                               "ask an officer or a steward.")
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real":
        raise ReviewsError("Sign-off applies to synthetic or accepted datasets; pick one of those.")
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
        *(_gate_item(category, dataset, evaluation, gates, inherited) for category in ("privacy", "fairness", "utility")),
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


def _inherited_note(evaluation: dict | None, inherited: bool) -> str:
    return (f" Measured on the parent dataset (evaluation:{evaluation['id']}); evaluate the accepted rows "
            "for direct evidence.") if inherited else ""


def _gate_text(gates: list[dict]) -> str:
    return "; ".join(f"{g['name']} {g['status'].upper()} ({g['explanation']})" for g in gates)


def _purpose(dataset, evaluation, gates, inherited) -> ChecklistItem:
    title, links = "Purpose decides fidelity", (f"dataset:{dataset.id}",)
    if not dataset.purpose:
        return ChecklistItem("norm1_purpose", title, "norms", 1, MISSING, "The dataset carries no purpose label.", links)
    if evaluation is None:
        return ChecklistItem("norm1_purpose", title, "norms", 1, MISSING,
                             f"Purpose {dataset.purpose}; no evaluation yet, so its gates are unknown. Evaluate it.", links)
    links += (f"evaluation:{evaluation['id']}",)
    judged = (evaluation["result"] or {}).get("purpose")
    if judged and judged != dataset.purpose:
        return ChecklistItem("norm1_purpose", title, "norms", 1, FAIL,
                             f"Labelled {dataset.purpose} but evaluated against the {judged} gates.", links)
    fidelity = [g for g in gates if gate_category(g["name"]) == "fidelity"]
    deliberate = (dataset.labels or {}).get("deliberate_columns") or []
    text = f"Purpose {dataset.purpose}, judged by that purpose's gates. " + (_gate_text(fidelity) or "No fidelity gate.")
    if deliberate:
        text += f" Columns changed on purpose: {', '.join(map(str, deliberate))}."
    status = _cap(worst(g["status"] for g in fidelity) if fidelity else PASS, inherited)
    return ChecklistItem("norm1_purpose", title, "norms", 1, status, text + _inherited_note(evaluation, inherited), links,
                         {"purpose": dataset.purpose, "gates": fidelity, "deliberate_columns": deliberate,
                          "bias_target": (dataset.labels or {}).get("bias_target")})


def _outliers(dataset) -> ChecklistItem:
    title, links = "Keep a few outliers", (f"dataset:{dataset.id}",)
    coverage = (dataset.lineage or {}).get("outlier_coverage")
    if coverage is None:
        return ChecklistItem("norm2_outliers", title, "norms", 2, MISSING, "No outlier coverage was measured.", links)
    real = sum(c["real_outliers"] for c in coverage)
    covered = sum(c["covered"] for c in coverage)
    injected = (dataset.lineage or {}).get("settings", {}).get("outlier_fraction") or 0
    if real == 0:
        return ChecklistItem("norm2_outliers", title, "norms", 2, PASS, "The source had no outliers to keep.", links,
                             {"real_outliers": 0, "covered": 0, "injected_fraction": injected})
    share = covered / real
    status = PASS if share >= OUTLIERS_PASS else (WARN if covered else FAIL)
    columns = ", ".join(f"{c['column']} {c['covered']}/{c['real_outliers']}" for c in coverage if c["real_outliers"])
    text = (f"{covered} of {real} real outliers ({share:.0%}) have a synthetic counterpart ({columns}); "
            f"injected outlier fraction {injected}.")
    return ChecklistItem("norm2_outliers", title, "norms", 2, status, text, links,
                         {"real_outliers": real, "covered": covered, "share_covered": share, "injected_fraction": injected})


def _quality_status(score: float) -> str:
    return PASS if score >= QUALITY_PASS else (WARN if score >= QUALITY_WARN else FAIL)


def _findings_text(findings: list[dict]) -> str:
    return "; ".join(f"{f['kind']}{' in ' + str(f['column']) if f.get('column') else ''}: {f['detail']}"
                     for f in findings[:5]) or "no findings"


def _source_quality(store, dataset) -> ChecklistItem:
    title = "Quality in, quality out"
    source = source_dataset(store, dataset)
    quality = ((source.profile or {}).get("quality") if source else None)
    if quality is None:
        return ChecklistItem("norm3_source_quality", title, "norms", 3, MISSING,
                             "The real source has no quality profile.", (f"dataset:{dataset.id}",))
    text = f"Source dataset:{source.id} quality score {quality['score']:.0f}/100: {_findings_text(quality['findings'])}."
    return ChecklistItem("norm3_source_quality", title, "norms", 3, _quality_status(quality["score"]), text,
                         (f"dataset:{source.id}",), {"score": quality["score"], "findings": quality["findings"]})


def _stages(dataset) -> ChecklistItem:
    title, links = "Limit the training stage", (f"dataset:{dataset.id}",)
    labels = dataset.labels or {}
    stages = labels.get("stages")
    if not stages:
        return ChecklistItem("norm4_stages", title, "norms", 4, MISSING, "The dataset carries no training-stage label.", links)
    justification = labels.get("pretraining_justification")
    if PRETRAINING not in stages:
        status, text = PASS, f"May feed {', '.join(stages)}; pre-training excluded."
    elif justification:
        status, text = WARN, f"May feed {', '.join(stages)}; pre-training allowed because: {justification}"
    else:
        status, text = FAIL, f"May feed {', '.join(stages)}, including pre-training, without a recorded justification."
    return ChecklistItem("norm4_stages", title, "norms", 4, status, text, links,
                         {"stages": list(stages), "pretraining_justification": justification})


def _depth(dataset) -> ChecklistItem:
    title, links = "Limit rounds of synthetic-on-synthetic", (f"dataset:{dataset.id}",)
    lineage = dataset.lineage or {}
    if "max_depth" not in lineage:
        return ChecklistItem("norm5_depth", title, "norms", 5, MISSING, "No lineage was recorded.", links)
    limit, justification = lineage["max_depth"], lineage.get("override_justification")
    if dataset.parent_id is not None:
        links += (f"dataset:{dataset.parent_id}",)
    if dataset.depth <= limit:
        status, text = PASS, f"Generation depth {dataset.depth} within the limit of {limit}."
    elif justification:
        status, text = WARN, f"Depth {dataset.depth} past the limit of {limit}, overridden: {justification}"
    else:
        status, text = FAIL, f"Depth {dataset.depth} past the limit of {limit} without a justification."
    return ChecklistItem("norm5_depth", title, "norms", 5, status, text, links,
                         {"depth": dataset.depth, "max_depth": limit, "override_justification": justification})


def _reviewed_dataset_id(dataset) -> int:
    # Rounds run on synthetic rows; accepted rows were judged in their parent's rounds.
    return dataset.parent_id if dataset.kind == "accepted" and dataset.parent_id else dataset.id


def _human_judgement(store, dataset) -> ChecklistItem:
    title = "Human judgement decides"
    reviewed = _reviewed_dataset_id(dataset)
    rounds = round_queries.list_rounds(store, reviewed)
    with store.engine.connect() as conn:
        answered = {r: n for r, n in conn.execute(
            select(review_responses.c.round_id, func.count()).where(review_responses.c.round_id.in_([r.id for r in rounds]))
            .group_by(review_responses.c.round_id)).all()}
        column = (acceptance_decisions.c.accepted_dataset_id if dataset.kind == "accepted"
                  else acceptance_decisions.c.dataset_id)
        decision = conn.execute(select(acceptance_decisions).where(column == dataset.id)
                                .order_by(acceptance_decisions.c.id.desc()).limit(1)).mappings().first()
    used = [r for r in rounds if answered.get(r.id)]
    links = tuple(f"round:{r.id}" for r in used)
    if not used:
        return ChecklistItem("norm6_human_judgement", title, "norms", 6, MISSING,
                             f"No review round on dataset:{reviewed} has answers yet.", (f"dataset:{reviewed}",))
    round_id = decision["round_id"] if decision else used[-1].id
    agreement = agreement_report(round_queries.ranking_answers(store, round_id))
    alpha = agreement.alpha
    alpha_text = "not measurable (no task answered by two reviewers)" if alpha != alpha else f"{alpha:.3f}"
    total = sum(answered[r.id] for r in used)
    text = f"{total} answers in {len(used)} round(s); agreement alpha {alpha_text} in round:{round_id}."
    if decision is None:
        status = WARN
        text += " No acceptance was applied: approval normally applies to the accepted rows."
    else:
        counts = decision["counts"] or {}
        text += (f" Acceptance applied by {decision['decided_by']} at threshold {decision['threshold']:.4g}"
                 f" (accepted {counts.get('accepted', '?')} rows).")
        status = PASS if alpha == alpha and alpha >= ALPHA_THRESHOLD else WARN
        links += (f"dataset:{decision['accepted_dataset_id']}",)
    return ChecklistItem("norm6_human_judgement", title, "norms", 6, status, text, links,
                         {"answers": sum(answered[r.id] for r in used), "alpha": None if alpha != alpha else alpha,
                          "acceptance": None if decision is None else {
                              "round_id": decision["round_id"], "threshold": decision["threshold"],
                              "decided_by": decision["decided_by"], "counts": decision["counts"]}})


def _data_quality(store, dataset) -> ChecklistItem:
    source = source_dataset(store, dataset)
    types = {c["name"]: c["type"] for c in ((source.profile or {}) if source else {}).get("columns", [])}
    frame = queries.load_frame(store, dataset.id)
    frame = frame[[c for c in frame.columns if c in types]]
    if not types:
        return ChecklistItem("data_quality", "Data quality", "data", None, MISSING,
                             "Column types are unknown (the source has no profile).", (f"dataset:{dataset.id}",))
    report = assess_quality(frame, types)
    text = f"This dataset's quality score {report.score:.0f}/100: {_findings_text(report.findings)}."
    return ChecklistItem("data_quality", "Data quality", "data", None, _quality_status(report.score), text,
                         (f"dataset:{dataset.id}",), report.to_dict())


def _gate_item(category, dataset, evaluation, gates, inherited) -> ChecklistItem:
    key, title = f"gates_{category}", f"{category.capitalize()} gates"
    if evaluation is None:
        return ChecklistItem(key, title, "gates", None, MISSING, "No evaluation yet; evaluate the dataset.",
                             (f"dataset:{dataset.id}",))
    links = (f"evaluation:{evaluation['id']}",)
    chosen = [g for g in gates if gate_category(g["name"]) == category]
    if not chosen:
        return ChecklistItem(key, title, "gates", None, NOT_APPLICABLE,
                             f"No {category} gate applies to purpose {dataset.purpose}.", links)
    status = _cap(worst(g["status"] for g in chosen), inherited)
    return ChecklistItem(key, title, "gates", None, status, _gate_text(chosen) + _inherited_note(evaluation, inherited),
                         links, {"gates": chosen})


def _inspection(store, dataset) -> ChecklistItem:
    title = "Sampling inspection"
    with store.engine.connect() as conn:
        row = conn.execute(select(inspections).where(inspections.c.dataset_id == dataset.id)
                           .order_by(inspections.c.id.desc()).limit(1)).mappings().first()
    if row is None:
        where = "" if dataset.kind == "accepted" else " Inspections run on accepted rows; apply acceptance first."
        return ChecklistItem("inspection", title, "inspection", None, MISSING,
                             f"No sampling inspection of dataset:{dataset.id}.{where}", (f"dataset:{dataset.id}",))
    links = (f"inspection:{row['id']}",)
    if row["status"] == "open":
        return ChecklistItem("inspection", title, "inspection", None, MISSING,
                             f"inspection:{row['id']} is still open; finish judging its sample.", links)
    result = row["result"] or {}
    text = (f"inspection:{row['id']} {row['status']}: {result.get('passed_rows')}/{result.get('inspected')} rows passed; "
            f"95% Wilson lower bound {result.get('lower_bound', float('nan')):.3f} against the required {row['min_lower']:.2f}.")
    return ChecklistItem("inspection", title, "inspection", None, PASS if row["status"] == "passed" else FAIL, text,
                         links, dict(result))


def _documentation(store, dataset) -> list[ChecklistItem]:
    documentation = documentation_for(store, dataset.id)
    items = []
    for group in (ART10, DATASHEET):
        states = documentation.group(group)
        empty = [f.spec.label for f in states if not f.written]
        text = ("All fields written." if not empty else f"Still to write: {', '.join(empty)}.")
        if documentation.written_by:
            text += f" Last saved by {documentation.written_by} (version {documentation.version})."
        items.append(ChecklistItem(f"documentation_{group}", GROUP_TITLES[group], "documentation", None,
                                   PASS if not empty else MISSING, text, (f"dataset:{dataset.id}",),
                                   {"missing": empty, "version": documentation.version}))
    return items
