"""A self-contained HTML report of one evaluation, readable offline and printable.

Sections follow the norms: what the data is for and its gates (norm 1), fidelity, privacy,
fairness and utility. Charts are inline SVG (``synth.metrics.report_charts``): no script and no
download, so the file opens anywhere and stays small; a print stylesheet keeps sections whole.
Every figure is written for people (``synth.numbers``); a library's own metric name appears
only in small type beside the person's name.
"""

from __future__ import annotations

import html

from synth.i18n import Translate, render, same
from synth.metrics import report_charts as charts
from synth.metrics.metric_names import RISK_LABELS, metric_name
from synth.metrics.privacy.guarantee import describe_guarantee
from synth.numbers import readable, readable_share
from synth.purposes.gates import gate_explanation, gate_label

_STATUS_COLOURS = {
    "pass": "#1a7f37",
    "warn": "#9a6700",
    "fail": "#cf222e",
    "missing": "#57606a",
    "n/a": "#57606a",
}
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:1000px;padding:0 1.5em;color:#1f2328;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:1.8em}
h3{margin-bottom:.3em}.lead{color:#57606a;margin-top:0}
table{border-collapse:collapse;margin:.6em 0;width:100%}td,th{border:1px solid #d0d7de;padding:5px 9px;
text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere}
th{background:#f6f8fa;overflow-wrap:normal}th::first-letter{text-transform:uppercase}td.num{text-align:right;white-space:nowrap}
small,.lib{color:#6e7781;font-size:.8em}.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;min-width:150px}
.card b{display:block;font-size:1.6em}.badge{display:inline-block;border-radius:1em;padding:0 .7em;
color:#fff;font-weight:600;font-size:.85em;white-space:nowrap}figure.chart{margin:1em 0;break-inside:avoid}
figure.chart svg{max-width:100%;height:auto}figcaption{color:#57606a;font-size:.9em}
section{break-inside:auto}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}
table,figure.chart,.cards{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _table(rows: list[list[str]], header: list[str], numeric: tuple[int, ...] = ()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _interval(bounds, share: bool = False) -> str:
    low, high = bounds
    show = readable_share if share else readable
    return f"{show(low)} – {show(high)}"


def _badge(status: str, _: Translate) -> str:
    colour = _STATUS_COLOURS.get(status, "#57606a")
    return f"<span class='badge' style='background:{colour}'>{_e(_(status))}</span>"


def _metric(name: str, _: Translate) -> str:
    """The person's name with the library's name in small type."""
    human = metric_name(name)
    return _e(_(human)) + (f" <span class='lib'>{_e(name)}</span>" if human != name else "")


def _summary(result: dict, _: Translate) -> str:
    rows = result.get("rows") or {}
    sizes = [
        _("{n} real training rows").format(n=readable(rows["real"])) if "real" in rows else None,
        _("{n} synthetic rows").format(n=readable(rows["synthetic"])) if "synthetic" in rows else None,
        _("{n} unseen real rows (holdout)").format(n=readable(rows["holdout"]))
        if "holdout" in rows
        else None,
    ]
    purpose = result.get("purpose")
    lead = _("Purpose: {purpose}.").format(purpose=_(purpose)) if purpose else ""
    fidelity = result["fidelity"]
    cards = [
        (_("Fidelity (overall)"), readable(fidelity["overall"], 2)),
        (_("Column shapes"), readable(fidelity["column_shapes_score"], 2)),
        (_("Column pair trends"), readable(fidelity["column_pair_trends_score"], 2)),
    ]
    utility = result.get("utility") or {}
    if utility.get("ratio") is not None:
        cards.append((_("Utility ratio (synthetic ÷ real)"), readable(utility["ratio"], 2)))
    gates = result.get("gates") or []
    if gates:
        passed = sum(1 for g in gates if g["status"] == "pass")
        cards.append((_("Gates passed"), f"{passed} / {len(gates)}"))
    card_html = "".join(f"<div class='card'>{_e(label)}<b>{_e(value)}</b></div>" for label, value in cards)
    return (
        f"<p class='lead'>{_e(lead)} {_e(', '.join(s for s in sizes if s))}.</p>"
        f"<div class='cards'>{card_html}</div>"
        f"<p>{_e(render(describe_guarantee((result.get('privacy') or {}).get('guarantee')), _))}</p>"
    )


def _gates(result: dict, _: Translate) -> str:
    gates = result.get("gates") or []
    if not gates:
        return ""
    rows = [
        [
            _badge(g["status"], _),
            _e(_(gate_label(g["name"]))),
            _e(readable(g.get("value"))),
            _e(render(gate_explanation(g), _)),
        ]
        for g in gates
    ]
    return (
        f"<section><h2>{_e(_('Gates'))}</h2><p class='lead'>"
        + _e(_("Norm 1: the purpose decides which fidelity is enough; each purpose has its own gates."))
        + "</p>"
        + _table(rows, [_("status"), _("gate"), _("value"), _("evidence")], numeric=(2,))
        + "</section>"
    )


def _fidelity(result: dict, _: Translate) -> str:
    fidelity = result["fidelity"]
    parts = [f"<section><h2>{_e(_('Fidelity'))}</h2>"]
    for chart in (charts.column_shape_chart(result, _), charts.pair_trend_chart(result, _)):
        if chart:
            parts.append(chart)
    columns = fidelity.get("columns") or {}
    if columns:
        rows = [
            [
                _e(column),
                "<br>".join(
                    f"{_metric(name, _)}: {_e(readable(value, 3))}" for name, value in checks.items()
                ),
            ]
            for column, checks in columns.items()
        ]
        heading = _("Checks per column")  # outside the f-string, where message extraction finds it
        parts.append(f"<h3>{_e(heading)}</h3>" + _table(rows, [_("column"), _("checks")]))
    detection = fidelity.get("detection") or {}
    if detection.get("auc") is not None:
        parts.append(
            "<p>"
            + _e(
                _(
                    "A classifier told real from synthetic rows with AUC {auc} (95% CI {low} – {high}, "
                    "{n} rows of each); 0.5 means it could not tell them apart."
                ).format(
                    auc=readable(detection["auc"], 3),
                    low=readable(detection["ci95"][0], 3),
                    high=readable(detection["ci95"][1], 3),
                    n=readable(detection["rows_per_table"]),
                )
            )
            + (
                f" <span class='lib'>{_e(detection['classifier'])}</span>"
                if detection.get("classifier")
                else ""
            )
            + "</p>"
        )
    return "".join(parts) + "</section>"


def _privacy(result: dict, _: Translate) -> str:
    privacy = result.get("privacy") or {}
    rows = [
        [
            _e(_("formal guarantee")),
            _e(_("differential privacy") if privacy.get("guarantee") else _("none")),
            _e(render(describe_guarantee(privacy.get("guarantee")), _)),
        ],
        [_e(_("exact-match rate")), _e(readable_share(privacy.get("exact_match_rate"))), ""],
    ]
    if privacy.get("exact_match"):
        e = privacy["exact_match"]
        rows.append(
            [
                _e(_("exact-match rate of unseen real rows (baseline)")),
                _e(readable_share(e["baseline_rate"])),
                _e(
                    _("excess {value}, 95% CI {low}–{high}").format(
                        value=readable_share(e["excess"]["value"]),
                        low=readable_share(e["excess"]["ci95"][0]),
                        high=readable_share(e["excess"]["ci95"][1]),
                    )
                ),
            ]
        )
    if privacy.get("dcr"):
        d = privacy["dcr"]
        rows.append(
            [
                _e(_("DCR: share closer to training")),
                _e(readable_share(d["closer_to_training_share"])),
                _e(
                    _("95% CI {low}–{high}, n={n}").format(
                        low=readable_share(d["ci95"][0]),
                        high=readable_share(d["ci95"][1]),
                        n=readable(d["sample_size"]),
                    )
                ),
            ]
        )
        if "baseline_share" in d:
            rows.append(
                [
                    _e(_("DCR: baseline share of unseen real rows")),
                    _e(readable_share(d["baseline_share"])),
                    _e(
                        _(
                            "difference {value}, 95% CI {low}–{high}; NNDR median synthetic {s}, unseen real {h}"  # noqa: E501
                        ).format(
                            value=readable_share(d["difference"]["value"]),
                            low=readable_share(d["difference"]["ci95"][0]),
                            high=readable_share(d["difference"]["ci95"][1]),
                            s=readable(d["nndr_median_synthetic"], 3),
                            h=readable(d["nndr_median_holdout"], 3),
                        )
                    ),
                ]
            )
        rows.append(
            [
                _e(_("median distance synthetic→train / holdout→train")),
                _e(
                    readable(d["median_synthetic_to_train"], 3)
                    + " / "
                    + readable(d["median_holdout_to_train"], 3)
                ),
                _e(_(d["distance"])),
            ]
        )
    for name, risk in (privacy.get("risks") or {}).items():
        rows.append(
            [
                _e(_("{name} risk").format(name=_(RISK_LABELS.get(name, name)))),
                _e(readable_share(risk["value"])),
                _e(
                    _("95% CI {low}–{high}, {n} attacks").format(
                        low=readable_share(risk["ci95"][0]),
                        high=readable_share(risk["ci95"][1]),
                        n=readable(risk["n_attacks"]),
                    )
                ),
            ]
        )
    membership = privacy.get("membership_inference")
    if membership:
        rows.append(
            [
                _e(_("membership-inference AUC")),
                _e(readable(membership["auc"], 3)),
                _e(
                    _("95% CI {low}–{high}, {m} members, {n} non-members").format(
                        low=readable(membership["ci95"][0], 3),
                        high=readable(membership["ci95"][1], 3),
                        m=readable(membership["members"]),
                        n=readable(membership["non_members"]),
                    )
                ),
            ]
        )
    parts = [
        f"<section><h2>{_e(_('Privacy'))}</h2>",
        _table(rows, [_("measure"), _("value"), _("evidence")], (1,)),
    ]
    for chart in (
        charts.dcr_chart(privacy, _),
        charts.membership_chart(privacy, _),
        charts.risk_chart(privacy, _),
    ):
        if chart:
            parts.append(chart)
    return "".join(parts) + "</section>"


def _fairness(result: dict, _: Translate) -> str:
    fairness = result.get("fairness") or {}
    attributes = fairness.get("attributes") or {}
    if not attributes:
        return ""
    parts = [f"<section><h2>{_e(_('Fairness'))}</h2>"]
    if fairness.get("label"):
        parts.append(
            "<p class='lead'>"
            + _e(
                _("Label: {label}; favourable value: {value}.").format(
                    label=fairness["label"], value=fairness.get("positive_class", "")
                )
            )
            + "</p>"
        )
    rows = []
    for column, attribute in attributes.items():
        for side in ("real", "synthetic"):
            measures = attribute.get(side) or {}
            rows.append(
                [
                    _e(column),
                    _e(_(side)),
                    _e(readable(measures.get("demographic_parity_difference"), 3)),
                    _e(readable(measures.get("disparate_impact_ratio"), 3)),
                ]
            )
    parts.append(
        _table(
            rows,
            [
                _("protected attribute"),
                _("data"),
                _("demographic-parity difference"),
                _("disparate-impact ratio"),
            ],
            (2, 3),
        )
    )
    parts += [charts.fairness_chart(column, attribute, _) for column, attribute in attributes.items()]
    return "".join(parts) + "</section>"


def _utility(result: dict, _: Translate) -> str:
    utility = result.get("utility")
    if not utility or "trtr" not in utility:
        return ""
    names = {"trtr": _("trained on real, tested on real"), "tstr": _("trained on synthetic, tested on real")}
    rows = [
        [_e(names[name]), *(_e(readable(utility[name].get(k), 3)) for k in ("accuracy", "auc", "r2"))]
        for name in ("trtr", "tstr")
    ]
    lead = _("Label {label}; synthetic ÷ real = {ratio}.").format(
        label=utility.get("label"), ratio=readable(utility.get("ratio"), 3)
    )
    model = utility.get("model")
    return (
        f"<section><h2>{_e(_('Utility'))}</h2><p class='lead'>{_e(lead)}"
        + (f" {_e(_(metric_name(model)))} <span class='lib'>{_e(model)}</span>" if model else "")
        + "</p>"
        + _table(rows, [_("model"), _("accuracy"), "AUC", "R²"], (1, 2, 3))
        + "</section>"
    )


def render_html(
    result: dict, *, title: str = "SynthReview evaluation", translate: Translate | None = None
) -> str:
    """The whole report as one HTML document (no script, no external file; prints cleanly).

    Args:
        result: A stored evaluation result.
        title: The heading and the document title.
        translate: Translates the report's fixed headings and labels (the UI passes its own);
            English when None.
    """
    _ = translate or same
    body = "".join(
        [
            f"<h1>{_e(title)}</h1>",
            _summary(result, _),
            _gates(result, _),
            _fidelity(result, _),
            _privacy(result, _),
            _fairness(result, _),
            _utility(result, _),
            "<footer><small>"
            + _e(_("Made by SynthReview; metrics from SDMetrics, scikit-learn and our own code."))
            + "</small></footer>",
        ]
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def write_html(result: dict, path, *, title: str = "SynthReview evaluation") -> None:
    """Write :func:`render_html` to ``path`` (UTF-8)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render_html(result, title=title))
