"""The data card that travels with an exported dataset, as JSON and as Markdown.

It says what the data is for, how it was made (generator, lineage, depth, and for a
differentially private generator its ε, δ, unit of privacy, library and version), which training
stages it may feed, what the evaluation measured, its limitations, and who signed it off.
It holds nothing that changes between two exports of the same sign-off, so bundles stay
reproducible.
"""

from __future__ import annotations

import json

from reviews.queries.datasets import DatasetRecord
from reviews.signoff.records import APPROVE_WITH_CONDITIONS, SignoffRecord
from synth.numbers import readable
from synth.outliers.inject import OUTLIER_FLAG

FORMAT = "synthreview.datacard/1"


def _metrics(evaluation: dict | None) -> dict:
    if evaluation is None:
        return {}
    result = evaluation["result"] or {}
    fidelity, privacy = result.get("fidelity") or {}, result.get("privacy") or {}
    utility, summary = result.get("utility") or {}, result.get("summary") or {}
    exact, dcr = privacy.get("exact_match") or {}, privacy.get("dcr") or {}
    membership, detection = privacy.get("membership_inference") or {}, fidelity.get("detection") or {}
    return {
        "evaluation_id": evaluation["id"],
        "fidelity_overall": fidelity.get("overall"),
        "column_shapes": fidelity.get("column_shapes_score"),
        "column_pair_trends": fidelity.get("column_pair_trends_score"),
        "exact_match_rate": privacy.get("exact_match_rate"),
        "exact_match_baseline_rate": exact.get("baseline_rate"),
        "exact_match_excess": _estimate(exact.get("excess")),
        "dcr_closer_to_training_share": dcr.get("closer_to_training_share"),
        "dcr_baseline_share": dcr.get("baseline_share"),
        "dcr_difference": _estimate(dcr.get("difference")),
        "membership_inference_auc": _estimate(membership or None, "auc"),
        "detection_auc": _estimate(detection or None, "auc"),
        "utility_ratio": utility.get("ratio"),
        "max_parity_gap_synthetic": summary.get("max_parity_gap_synthetic"),
        "gates": [
            {"name": g["name"], "status": g["status"], "value": g["value"]} for g in result.get("gates") or []
        ],
    }


def _estimate(found: dict | None, key: str = "value") -> dict | None:
    """``{value, ci95}`` of a measured quantity, or None when it was not measured."""
    if not found or found.get(key) is None:
        return None
    return {"value": found[key], "ci95": list(found.get("ci95") or [])}


def _privacy(lineage: dict) -> dict | None:
    guarantee = lineage.get("privacy")
    if not guarantee:
        return None
    return {
        "definition": "differential privacy",
        "epsilon": guarantee["epsilon"],
        "delta": guarantee["delta"],
        "unit_of_privacy": guarantee["unit_of_privacy"],
        "neighbouring": guarantee.get("neighbouring"),
        "mechanism": guarantee["mechanism"],
        "library": guarantee["library"],
        "library_version": guarantee["library_version"],
        "preprocessing_epsilon": guarantee["preprocessing"]["epsilon"],
        "preprocessing_delta": guarantee["preprocessing"]["delta"],
        "domain_sources": {c: d["source"] for c, d in guarantee["preprocessing"]["columns"].items()},
    }


def _limitations(
    dataset: DatasetRecord, items: list[dict], signoff: SignoffRecord, columns: list[str]
) -> list[str]:
    labels = dataset.labels or {}
    notes = [
        "Synthetic data: no row describes a real person, and its statistics only approximate the source's."
    ]
    deliberate = labels.get("deliberate_columns") or []
    if deliberate:
        notes.append(
            f"Columns changed on purpose ({dataset.purpose}): {', '.join(map(str, deliberate))}; "
            "they do not reproduce the real distribution."
        )
    stages = labels.get("stages") or []
    if stages and "pre-training" not in stages:
        notes.append(f"Not for pre-training; allowed stages: {', '.join(stages)}.")
    if lineage_privacy := (dataset.lineage or {}).get("privacy"):
        notes.append(
            f"Differentially private with epsilon {lineage_privacy['epsilon']:g} and delta "
            f"{lineage_privacy['delta']:g} per {lineage_privacy['unit_of_privacy']}: "
            "a person with several rows is protected less, and PII columns (faked, not learned) "
            "are outside the guarantee."
        )
        if dataset.kind == "accepted":
            notes.append(
                "The accepted rows were chosen by reviewers who saw the real data's distribution; "
                "the guarantee covers the generated dataset, not that choice."
            )
    if OUTLIER_FLAG in columns:
        notes.append(f"Rows marked in column {OUTLIER_FLAG} are injected, perturbed outlier-like rows.")
    for item in items:
        if item["status"] in ("warn", "fail", "missing"):
            notes.append(f"{item['title']} ({item['status']}): {item['evidence']}")
    if signoff.verdict == APPROVE_WITH_CONDITIONS:
        notes.append(f"Approved with conditions: {signoff.comment}")
    overridden = signoff.record.get("overridden") or []
    if overridden:
        notes.append(f"Approved over {', '.join(overridden)} because: {signoff.override_justification}")
    return notes


def build_datacard(
    dataset: DatasetRecord, signoff: SignoffRecord, evaluation: dict | None, columns: list[str]
) -> dict:
    """The card as a JSON-able dict; checklist and documentation are those the officer signed."""
    labels, lineage = dataset.labels or {}, dataset.lineage or {}
    acceptance = lineage.get("acceptance")
    record = signoff.record
    items = record["checklist"]["items"]
    return {
        "format": FORMAT,
        "dataset": {
            "id": dataset.id,
            "name": dataset.name,
            "kind": dataset.kind,
            "rows": dataset.rows,
            "columns": columns,
            "sha256": dataset.sha256,
            "rows_sha256": record["dataset"]["rows_sha256"],
            "created_by": dataset.created_by,
        },
        "synthetic": True,
        "purpose": dataset.purpose,
        "generator": labels.get("generator") or lineage.get("generator"),
        "allowed_stages": list(labels.get("stages") or []),
        "pretraining_justification": labels.get("pretraining_justification"),
        "differential_privacy": _privacy(lineage),
        "lineage": {
            "depth": dataset.depth,
            "max_depth": lineage.get("max_depth"),
            "parent_id": dataset.parent_id,
            "parent_sha256": lineage.get("parent_sha256"),
            "source_sha256": lineage.get("source_sha256"),
            "seed": lineage.get("seed"),
            "settings": lineage.get("settings"),
            "versions": lineage.get("versions"),
            "override_justification": lineage.get("override_justification"),
            "acceptance": None
            if not acceptance
            else {
                "round_id": acceptance.get("round_id"),
                "threshold": acceptance.get("threshold"),
                "min_flags": acceptance.get("min_flags"),
                "accepted_rows": len(acceptance.get("accepted_rows") or []),
            },
        },
        "metrics": _metrics(evaluation),
        "checklist": [{"key": i["key"], "title": i["title"], "status": i["status"]} for i in items],
        "limitations": _limitations(dataset, items, signoff, columns),
        "documentation": dict(record.get("documentation") or {}),
        "signoff": {
            "id": signoff.id,
            "verdict": signoff.verdict,
            "officer": signoff.officer,
            "signed_at": record["signed_at"],
            "comment": signoff.comment,
            "override_justification": signoff.override_justification,
            "overridden": record.get("overridden") or [],
            "report_sha256": signoff.report_sha256,
            "key_fingerprint": signoff.key_fingerprint,
        },
    }


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "—" if value in (None, "", []) else str(value)


def _interval(estimate: dict | None) -> str:
    if not estimate:
        return "—"
    ci = estimate.get("ci95") or []
    bounds = f" [{_value(float(ci[0]))}, {_value(float(ci[1]))}]" if len(ci) == 2 else ""
    return f"{_value(float(estimate['value']))}{bounds}"


def _guarantee_line(privacy: dict | None) -> str:
    if not privacy:
        return "none (the generator is not differentially private)"
    return (
        f"({_value(privacy['epsilon'])}, {_value(privacy['delta'])})-differential privacy "
        f"per {privacy['unit_of_privacy']}"
    )


def datacard_markdown(card: dict) -> str:
    """The same card for people to read."""
    from reviews.signoff.documentation import FIELDS  # the labels of the documentation fields

    d, lineage, signoff, metrics = card["dataset"], card["lineage"], card["signoff"], card["metrics"]
    lines = [
        f"# Data card: {d['name']}",
        "",
        f"Synthetic dataset {d['id']} ({d['kind']}), {d['rows']} rows, columns: {', '.join(d['columns'])}.",
        "",
        "## Purpose and use",
        "",
        f"- Purpose: {_value(card['purpose'])}",
        f"- Generator: {_value(card['generator'])}",
        f"- Allowed training stages: {_value(', '.join(card['allowed_stages']))}",
        "",
        "## Lineage",
        "",
        f"- Generation depth {lineage['depth']} (limit {_value(lineage['max_depth'])})",
        f"- Parent sha256: {_value(lineage['parent_sha256'])}",
        f"- Source sha256: {_value(lineage['source_sha256'])}",
        f"- Seed: {_value(lineage['seed'])}",
    ]
    if lineage["override_justification"]:
        lines.append(f"- Depth limit overridden: {lineage['override_justification']}")
    if lineage["acceptance"]:
        a = lineage["acceptance"]
        lines.append(
            f"- Accepted {a['accepted_rows']} rows in review round {a['round_id']} "
            f"at threshold {readable(a['threshold'])}"
        )
    privacy = card.get("differential_privacy")
    if privacy:
        lines += [
            "",
            "## Differential privacy",
            "",
            f"- Guarantee: ({_value(privacy['epsilon'])}, {_value(privacy['delta'])})-differential privacy "
            f"per {privacy['unit_of_privacy']} ({privacy['neighbouring']})",
            f"- Mechanism: {privacy['mechanism']}, {privacy['library']} {privacy['library_version']}",
            "- Preprocessing (bounds and categories) spent epsilon "
            f"{_value(privacy['preprocessing_epsilon'])} and delta {_value(privacy['preprocessing_delta'])} "
            "of it; domain sources: " + ", ".join(f"{c} {s}" for c, s in privacy["domain_sources"].items()),
        ]
    lines += ["", "## Metrics", ""]
    if metrics:
        lines += [
            f"- Fidelity overall: {_value(metrics['fidelity_overall'])}",
            f"- Exact-match rate: {_value(metrics['exact_match_rate'])} "
            f"(real holdout rows: {_value(metrics.get('exact_match_baseline_rate'))}; "
            f"excess {_interval(metrics.get('exact_match_excess'))})",
            f"- Share of synthetic rows closer to training than to unseen real rows: "
            f"{_value(metrics['dcr_closer_to_training_share'])} "
            f"(the same share for unseen real rows: {_value(metrics.get('dcr_baseline_share'))}; "
            f"difference {_interval(metrics.get('dcr_difference'))})",
            f"- Membership inference AUC: {_interval(metrics.get('membership_inference_auc'))} "
            "(0.5: the data says nothing about who was in the training table)",
            f"- Detection AUC: {_interval(metrics.get('detection_auc'))} "
            "(0.5: a classifier cannot tell synthetic rows from real ones)",
            f"- Formal guarantee: {_guarantee_line(card.get('differential_privacy'))}",
            f"- Utility ratio: {_value(metrics['utility_ratio'])}",
            f"- Largest parity gap (synthetic): {_value(metrics['max_parity_gap_synthetic'])}",
            "",
            "| gate | status | value |",
            "|---|---|---|",
        ]
        lines += [f"| {g['name']} | {g['status']} | {_value(g['value'])} |" for g in metrics["gates"]]
    else:
        lines.append("No evaluation.")
    lines += ["", "## Limitations", ""] + [f"- {note}" for note in card["limitations"]]
    lines += ["", "## Documentation", ""]
    for spec in FIELDS:
        lines += [f"### {spec.label}", "", card["documentation"].get(spec.key) or "(not written)", ""]
    lines += [
        "## Sign-off",
        "",
        f"- Verdict: **{signoff['verdict']}** by {signoff['officer']} at {signoff['signed_at']}",
        f"- Comment: {_value(signoff['comment'])}",
    ]
    if signoff["overridden"]:
        lines.append(
            f"- Overridden items: {', '.join(signoff['overridden'])}; "
            f"justification: {signoff['override_justification']}"
        )
    lines += [
        f"- Report sha256: {_value(signoff['report_sha256'])}",
        f"- Signing key fingerprint: {signoff['key_fingerprint']}",
        "",
        "## Checklist",
        "",
        "| item | status |",
        "|---|---|",
    ]
    lines += [f"| {i['title']} | {i['status']} |" for i in card["checklist"]]
    return "\n".join(lines) + "\n"


def datacard_json(card: dict) -> bytes:
    return (json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode(
        "utf-8"
    )
