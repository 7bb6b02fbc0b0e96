"""A self-contained HTML report of one evaluation, readable offline.

Charts are plotly figures; plotly.js is inlined once (``include_plotlyjs=True``), so the
file opens without a network connection.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go

from synth.i18n import Translate, render, same
from synth.metrics.privacy.guarantee import describe_guarantee
from synth.metrics.privacy.risks import RISK_LABELS
from synth.purposes.gates import gate_explanation, gate_label

_STATUS_COLOURS = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}
_same = same  # kept for callers of the earlier private name


def _figures(result: dict, _: Translate = same) -> list[tuple[str, go.Figure]]:
    figures = []
    shapes = result["fidelity"]["column_shapes"]
    if shapes:
        figure = go.Figure(
            go.Bar(
                x=list(shapes),
                y=[e["score"] for e in shapes.values()],
                text=[e["metric"] for e in shapes.values()],
            )
        )
        figure.update_layout(title=_("Column shapes (1 = same distribution)"), yaxis_range=[0, 1])
        figures.append((_("Column shapes"), figure))
    trends = result["fidelity"]["column_pair_trends"]
    if trends:
        columns = list(dict.fromkeys([c for e in trends for c in e["columns"]]))
        index = {c: i for i, c in enumerate(columns)}
        matrix = [[None] * len(columns) for _ in columns]
        for entry in trends:
            a, b = (index[c] for c in entry["columns"])
            matrix[a][b] = matrix[b][a] = entry["score"]
        figure = go.Figure(go.Heatmap(z=matrix, x=columns, y=columns, zmin=0, zmax=1, colorscale="Blues"))
        figure.update_layout(title=_("Column pair trends (1 = same relationship)"))
        figures.append((_("Column pair trends"), figure))
    dcr = (result.get("privacy") or {}).get("dcr")
    if dcr and "baseline_share" in dcr:
        bars = [
            (_("synthetic rows"), dcr["closer_to_training_share"], dcr["ci95"]),
            (_("unseen real rows (baseline)"), dcr["baseline_share"], dcr["baseline_ci95"]),
        ]
        figure = go.Figure(
            go.Bar(
                x=[name for name, _share, _ci in bars],
                y=[share for _name, share, _ci in bars],
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [ci[1] - share for _name, share, ci in bars],
                    "arrayminus": [share - ci[0] for _name, share, ci in bars],
                },
            )
        )
        figure.update_layout(
            title=_("Share closer to training than to unseen real rows ({n} synthetic rows)").format(
                n=dcr["query_size"]
            ),
            yaxis_range=[0, 1],
        )
        figures.append((_("DCR"), figure))
    membership = (result.get("privacy") or {}).get("membership_inference")
    if membership:
        histogram = membership["histogram"]
        edges = histogram["edges"]
        centres = [(a + b) / 2 for a, b in zip(edges[:-1], edges[1:], strict=True)]
        figure = go.Figure(
            [
                go.Bar(
                    x=centres,
                    y=histogram["non_members"],
                    name=_("holdout rows (not in training)"),
                    opacity=0.6,
                ),
                go.Bar(x=centres, y=histogram["members"], name=_("training rows (members)"), opacity=0.6),
            ]
        )
        figure.update_layout(
            title=_("Membership-inference attack scores"), barmode="overlay", yaxis_tickformat=".0%"
        )
        figures.append((_("Membership inference"), figure))
    risks = (result.get("privacy") or {}).get("risks")
    if risks:
        names = list(risks)
        values = [risks[n]["value"] for n in names]
        figure = go.Figure(
            go.Bar(
                x=[_(RISK_LABELS.get(n, n)) for n in names],
                y=values,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [risks[n]["ci95"][1] - risks[n]["value"] for n in names],
                    "arrayminus": [risks[n]["value"] - risks[n]["ci95"][0] for n in names],
                },
            )
        )
        figure.update_layout(title=_("Re-identification risks (WP29), 95% intervals"), yaxis_range=[0, 1])
        figures.append((_("Privacy risks"), figure))
    for column, attribute in (result.get("fairness") or {}).get("attributes", {}).items():
        groups = [g["group"] for g in attribute["groups"]]
        figure = go.Figure()
        for side in ("real", "synthetic"):
            rates = [g[f"{side}_label_rate"] for g in attribute["groups"]]
            if any(r is not None for r in rates):
                figure.add_bar(name=_("{side} label rate").format(side=_(side)), x=groups, y=rates)
            else:
                figure.add_bar(
                    name=_("{side} share").format(side=_(side)),
                    x=groups,
                    y=[g[f"{side}_share"] for g in attribute["groups"]],
                )
        heading = _("Fairness: {column}").format(column=column)
        figure.update_layout(title=heading, barmode="group", yaxis_range=[0, 1])
        figures.append((heading, figure))
    return figures


def _table(rows: list[list], header: list[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape("—" if value is None else str(value))


def _gate_row(gate: dict, _: Translate) -> list[str]:
    status = gate["status"]
    badge = (
        f"<span style='color:{_STATUS_COLOURS[status]};font-weight:bold'>"
        f"{html.escape(_(status).upper())}</span>"
    )
    return [
        badge,
        _fmt(_(gate_label(gate["name"]))),
        _fmt(gate["value"]),
        _fmt(render(gate_explanation(gate), _)),
    ]


def render_html(
    result: dict, *, title: str = "SynthReview evaluation", translate: Translate | None = None
) -> str:
    """The whole report as one HTML document (plotly.js inlined, works offline).

    Args:
        result: A stored evaluation result.
        title: The heading and the document title.
        translate: Translates the report's fixed headings and labels (the UI passes its own);
            English when None.
    """
    _ = translate or same
    parts = [f"<h1>{html.escape(title)}</h1>"]
    fidelity, purpose = result["fidelity"], result.get("purpose")
    parts.append(
        "<p>"
        + _(
            "Purpose: <b>{purpose}</b>. Rows: {rows}. Fidelity overall: <b>{overall}</b> "
            "(column shapes {shapes}, pair trends {trends})."
        ).format(
            purpose=_fmt(_(purpose) if purpose else None),
            rows=_fmt(json.dumps(result.get("rows"))),
            overall=_fmt(fidelity["overall"]),
            shapes=_fmt(fidelity["column_shapes_score"]),
            trends=_fmt(fidelity["column_pair_trends_score"]),
        )
        + "</p>"
    )
    if result.get("gates"):
        rows = [_gate_row(g, _) for g in result["gates"]]
        parts.append(
            f"<h2>{_('Gates')}</h2>" + _table(rows, [_("status"), _("gate"), _("value"), _("evidence")])
        )
    privacy = result.get("privacy") or {}
    rows = [
        [
            _("formal guarantee"),
            _("differential privacy") if privacy.get("guarantee") else _("none"),
            html.escape(render(describe_guarantee(privacy.get("guarantee")), _)),
        ],
        [_("exact-match rate"), _fmt(privacy.get("exact_match_rate")), ""],
    ]
    if privacy.get("exact_match"):
        e = privacy["exact_match"]
        rows.append(
            [
                _("exact-match rate of unseen real rows (baseline)"),
                _fmt(e["baseline_rate"]),
                _("excess {value}, 95% CI {low}–{high}").format(
                    value=_fmt(e["excess"]["value"]),
                    low=_fmt(e["excess"]["ci95"][0]),
                    high=_fmt(e["excess"]["ci95"][1]),
                ),
            ]
        )
    if privacy.get("dcr"):
        d = privacy["dcr"]
        distance = d["distance"]
        rows.append(
            [
                _("DCR: share closer to training"),
                _fmt(d["closer_to_training_share"]),
                _("95% CI {low}–{high}, n={n}").format(
                    low=_fmt(d["ci95"][0]), high=_fmt(d["ci95"][1]), n=d["sample_size"]
                ),
            ]
        )
        if "baseline_share" in d:
            rows.append(
                [
                    _("DCR: baseline share of unseen real rows"),
                    _fmt(d["baseline_share"]),
                    _(
                        "difference {value}, 95% CI {low}–{high}; NNDR median synthetic {s}, unseen real {h}"
                    ).format(
                        value=_fmt(d["difference"]["value"]),
                        low=_fmt(d["difference"]["ci95"][0]),
                        high=_fmt(d["difference"]["ci95"][1]),
                        s=_fmt(d["nndr_median_synthetic"]),
                        h=_fmt(d["nndr_median_holdout"]),
                    ),
                ]
            )
        rows.append(
            [
                _("median distance synthetic→train / holdout→train"),
                f"{_fmt(d['median_synthetic_to_train'])} / {_fmt(d['median_holdout_to_train'])}",
                html.escape(_(distance)),
            ]
        )
    for name, risk in (privacy.get("risks") or {}).items():
        rows.append(
            [
                _("{name} risk").format(name=_(RISK_LABELS.get(name, name))),
                _fmt(risk["value"]),
                _("95% CI {low}–{high}, {n} attacks").format(
                    low=_fmt(risk["ci95"][0]), high=_fmt(risk["ci95"][1]), n=risk["n_attacks"]
                ),
            ]
        )
    membership = privacy.get("membership_inference")
    if membership:
        rows.append(
            [
                _("membership-inference AUC"),
                _fmt(membership["auc"]),
                _("95% CI {low}–{high}, {m} members, {n} non-members").format(
                    low=_fmt(membership["ci95"][0]),
                    high=_fmt(membership["ci95"][1]),
                    m=membership["members"],
                    n=membership["non_members"],
                ),
            ]
        )
    detection = fidelity.get("detection") or {}
    if detection.get("auc") is not None:
        rows.append(
            [
                _("detection AUC (real vs synthetic classifier)"),
                _fmt(detection["auc"]),
                _("95% CI {low}–{high}, {n} rows of each").format(
                    low=_fmt(detection["ci95"][0]),
                    high=_fmt(detection["ci95"][1]),
                    n=detection["rows_per_table"],
                ),
            ]
        )
    parts.append(f"<h2>{_('Privacy')}</h2>" + _table(rows, [_("measure"), _("value"), _("evidence")]))
    utility = result.get("utility")
    if utility and "trtr" in utility:
        rows = [
            [name.upper(), *(_fmt(utility[name].get(k)) for k in ("accuracy", "auc", "r2"))]
            for name in ("trtr", "tstr")
        ]
        heading = _("Utility ({label}, ratio {ratio})").format(
            label=_fmt(utility["label"]), ratio=_fmt(utility["ratio"])
        )
        parts.append(f"<h2>{heading}</h2>" + _table(rows, ["", _("accuracy"), "AUC", "R²"]))
    first = True
    for name, figure in _figures(result, _):
        parts.append(f"<h2>{html.escape(name)}</h2>")
        parts.append(figure.to_html(full_html=False, include_plotlyjs=first))
        first = False
    style = (
        "body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}"
        # Evidence is read in full: long cells wrap, even inside long words, instead of overflowing.
        "td{white-space:normal;overflow-wrap:anywhere}"
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )


def write_html(result: dict, path, *, title: str = "SynthReview evaluation") -> None:
    """Write :func:`render_html` to ``path`` (UTF-8)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render_html(result, title=title))
