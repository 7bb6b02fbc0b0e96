"""What only a person can write: the EU AI Act Art. 10(2) data-governance fields and the
datasheet sections (Gebru et al., "Datasheets for Datasets").

The steward writes them; each save keeps a new version and an audit event. A field counts as
written only when a person saved text in it: suggestions drawn from the stored metadata
(lineage, profile, labels) prefill the form but never satisfy the checklist on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reviews import queries
from reviews.errors import ReviewsError
from reviews.queries.evaluations import latest_evaluation
from reviews.queries.rows import newest_row
from reviews.store import Store
from reviews.workspace.permissions import Actor
from reviews.workspace.schema import signoff_documentation
from synth.i18n import N_, Msg, joined, word
from synth.numbers import readable

ART10, DATASHEET = "art10", "datasheet"
MAX_LENGTH = 20_000


@dataclass(frozen=True)
class FieldSpec:
    key: str
    group: str
    label: str
    help: str


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "design_choices",
        ART10,
        N_("Design choices"),
        N_("Art. 10(2)(a): why this purpose, generator and settings."),
    ),
    FieldSpec(
        "data_origin",
        ART10,
        N_("Data origin and original purpose"),
        N_("Art. 10(2)(b): where the real data came from and why it was first collected."),
    ),
    FieldSpec(
        "preparation",
        ART10,
        N_("Preparation steps"),
        N_("Art. 10(2)(c): cleaning, splitting, generation, review and acceptance."),
    ),
    FieldSpec(
        "assumptions",
        ART10,
        N_("Assumptions"),
        N_("Art. 10(2)(d): what the data is assumed to measure and represent."),
    ),
    FieldSpec(
        "quantity_suitability",
        ART10,
        N_("Quantity and suitability"),
        N_("Art. 10(2)(e): how many rows, and why they suit the intended use."),
    ),
    FieldSpec(
        "bias_examination",
        ART10,
        N_("Bias examination"),
        N_("Art. 10(2)(f): which biases were looked for, how, and what was found."),
    ),
    FieldSpec(
        "bias_mitigation",
        ART10,
        N_("Bias mitigation"),
        N_("Art. 10(2)(g): what was done about the biases found."),
    ),
    FieldSpec(
        "gaps",
        ART10,
        N_("Gaps and how they are addressed"),
        N_("Art. 10(2)(h): missing data or shortcomings, and how they are handled."),
    ),
    FieldSpec("motivation", DATASHEET, N_("Motivation"), N_("Why the dataset was created, and by whom.")),
    FieldSpec(
        "composition",
        DATASHEET,
        N_("Composition"),
        N_("What a row is, what the columns mean, what is synthetic."),
    ),
    FieldSpec(
        "collection",
        DATASHEET,
        N_("Collection process"),
        N_("How the source rows and the synthetic rows came about."),
    ),
    FieldSpec(
        "preprocessing",
        DATASHEET,
        N_("Preprocessing"),
        N_("Cleaning and labelling applied before and after generation."),
    ),
    FieldSpec(
        "uses",
        DATASHEET,
        N_("Uses"),
        N_("Intended and excluded uses, including the allowed training stages."),
    ),
    FieldSpec(
        "distribution", DATASHEET, N_("Distribution"), N_("Who receives it, in what form, under which terms.")
    ),
    FieldSpec(
        "maintenance",
        DATASHEET,
        N_("Maintenance"),
        N_("Who maintains it and how errors are reported and fixed."),
    ),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
GROUP_TITLES = {ART10: N_("EU AI Act Art. 10(2) documentation"), DATASHEET: N_("Datasheet")}


@dataclass(frozen=True)
class FieldState:
    """One field as the form shows it."""

    spec: FieldSpec
    value: str
    suggestion: str

    @property
    def written(self) -> bool:
        return bool(self.value.strip())


@dataclass(frozen=True)
class Documentation:
    """The current version of a dataset's documentation, with suggestions for empty fields."""

    dataset_id: int
    fields: tuple[FieldState, ...]
    version: int | None
    written_by: str | None
    written_at: datetime | None

    def group(self, group: str) -> list[FieldState]:
        return [f for f in self.fields if f.spec.group == group]

    def values(self) -> dict[str, str]:
        return {f.spec.key: f.value for f in self.fields if f.written}


def _latest(store: Store, dataset_id: int) -> dict | None:
    return newest_row(store.engine, signoff_documentation, "dataset_id", dataset_id)


def documentation_for(store: Store, dataset_id: int) -> Documentation:
    """The saved fields (empty where not written) and a suggestion for each."""
    dataset = queries.get_dataset(store, dataset_id)
    latest = _latest(store, dataset_id)
    saved = (latest or {}).get("fields") or {}
    hints = suggestions(store, dataset)
    states = tuple(
        FieldState(spec, str(saved.get(spec.key) or ""), hints.get(spec.key, "")) for spec in FIELDS
    )
    return Documentation(
        dataset_id,
        states,
        latest and latest["id"],
        latest and latest["written_by"],
        latest and latest["written_at"],
    )


def save_documentation(store: Store, actor: Actor, dataset_id: int, fields: dict[str, str]) -> Documentation:
    """Merge ``fields`` into the current documentation and keep it; an empty string clears a field."""
    unknown = sorted(set(fields) - set(FIELD_KEYS))
    if unknown:
        raise ReviewsError(
            Msg(
                "Unknown documentation field(s) {fields}; use {known}.",
                fields=", ".join(unknown),
                known=", ".join(FIELD_KEYS),
            )
        )
    too_long = [k for k, v in fields.items() if len(str(v or "")) > MAX_LENGTH]
    if too_long:
        raise ReviewsError(
            Msg(
                "Field(s) {fields} are over {limit:,} characters; shorten them.",
                fields=", ".join(too_long),
                limit=MAX_LENGTH,
            )
        )
    dataset = queries.get_dataset(store, dataset_id)
    if dataset.kind == "real":
        raise ReviewsError(N_("Documentation belongs to a synthetic or accepted dataset; pick one of those."))
    current = documentation_for(store, dataset_id).values()
    merged = dict(current)
    for key, value in fields.items():
        text = str(value or "").strip()
        if text:
            merged[key] = text
        else:
            merged.pop(key, None)
    changed = sorted(k for k in FIELD_KEYS if merged.get(k) != current.get(k))
    if changed:
        store.save_documentation(
            actor, dataset_id, {k: merged[k] for k in FIELD_KEYS if k in merged}, changed
        )
    return documentation_for(store, dataset_id)


def suggestions(store: Store, dataset: queries.DatasetRecord) -> dict[str, str]:
    r"""Starting points drawn from metadata, for the fields metadata can speak to (``Msg``\ s, so
    the form offers them in the reader's language)."""
    labels, lineage = dataset.labels or {}, dataset.lineage or {}
    source = source_dataset(store, dataset)
    settings = lineage.get("settings") or {}
    steps = []
    if source is not None:
        steps.append(
            Msg(
                "Real source dataset:{id} ({name}, {rows} rows) was profiled.",
                id=source.id,
                name=source.name,
                rows=source.rows,
            )
        )
    if settings.get("holdout_fraction") is not None:
        steps.append(
            Msg(
                "{share:.0%} of the real rows were held out, never shown to the generator.",
                share=settings["holdout_fraction"],
            )
        )
    if lineage.get("generator"):
        steps.append(
            Msg(
                "Generator {generator} (seed {seed}) made {rows} rows for purpose {purpose}; "
                "outlier fraction {fraction}.",
                generator=lineage["generator"],
                seed=lineage.get("seed"),
                rows=settings.get("rows", "?"),
                purpose=word(dataset.purpose),
                fraction=settings.get("outlier_fraction", 0),
            )
        )
    acceptance = lineage.get("acceptance")
    if acceptance:
        steps.append(
            Msg(
                "Reviewers ranked rows in round:{round_id}; rows scoring at least {threshold} with fewer "
                "than {flags} flag(s) were accepted ({rows} rows).",
                round_id=acceptance["round_id"],
                threshold=readable(acceptance["threshold"]),
                flags=acceptance["min_flags"],
                rows=len(acceptance.get("accepted_rows", [])),
            )
        )
    hints = {"preparation": joined(steps, " "), "preprocessing": joined(steps, " ")}
    if source is not None:
        origin = (source.labels or {}).get("source_file")
        hints["data_origin"] = (
            Msg(
                "Derived from dataset:{id} ({name}), file {file}.",
                id=source.id,
                name=source.name,
                file=origin,
            )
            if origin
            else Msg("Derived from dataset:{id} ({name}).", id=source.id, name=source.name)
        )
    hints["quantity_suitability"] = Msg(
        "{rows} rows, {columns} columns.", rows=dataset.rows, columns=dataset.columns
    )
    if dataset.purpose:
        generator = labels.get("generator") or lineage.get("generator")
        hints["design_choices"] = Msg(
            "Purpose: {purpose}; generator: {generator}; generation depth {depth} (limit {limit}).",
            purpose=word(dataset.purpose),
            generator=generator,
            depth=dataset.depth,
            limit=lineage.get("max_depth", "?"),
        )
    stages = labels.get("stages")
    if stages:
        hints["uses"] = Msg(
            "May feed these training stages only: {stages}.", stages=joined(map(word, stages))
        )
    if labels.get("protected"):
        evaluation = latest_evaluation(store, dataset.id)
        gap = ((evaluation or {}).get("result") or {}).get("summary", {}).get("max_parity_gap_synthetic")
        columns = ", ".join(labels["protected"])
        hints["bias_examination"] = (
            Msg(
                "Protected attribute(s): {columns}. Largest demographic-parity gap in the synthetic "
                "data: {gap:.3g}.",
                columns=columns,
                gap=gap,
            )
            if gap is not None
            else Msg("Protected attribute(s): {columns}.", columns=columns)
        )
    if labels.get("bias_target"):
        hints["bias_mitigation"] = Msg(
            "The distribution was moved to a target on purpose: {target}.", target=labels["bias_target"]
        )
    hints["distribution"] = N_("Exported only as a signed evidence bundle after an officer's approval.")
    return {k: v for k, v in hints.items() if v}


def source_dataset(store: Store, dataset: queries.DatasetRecord) -> queries.DatasetRecord | None:
    """The real dataset at the root of the lineage (the data everything was made from)."""
    current, seen = dataset, set()
    while current.kind != "real" and current.parent_id is not None and current.id not in seen:
        seen.add(current.id)
        current = queries.get_dataset(store, current.parent_id)
    return current if current.kind == "real" else None
