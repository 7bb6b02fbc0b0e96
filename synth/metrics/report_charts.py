"""The report's charts as inline SVG (see ``synth.charts.svg``): fidelity, privacy, fairness."""

from __future__ import annotations

from synth.charts.palette import REAL, SYNTHETIC, WARNING
from synth.charts.svg import Series, bar_chart, heatmap, histogram
from synth.i18n import Translate, same
from synth.metrics.metric_names import RISK_LABELS, metric_name


def column_shape_chart(result: dict, _: Translate = same) -> str | None:
    shapes = result["fidelity"]["column_shapes"]
    if not shapes:
        return None
    names = list(shapes)
    measures = dict.fromkeys(_(metric_name(shapes[n]["metric"])) for n in names)
    return bar_chart(
        names,
        [Series(_("score"), REAL, [shapes[n]["score"] for n in names])],
        title=_("Column shapes"),
        caption=_(
            "Each column's shape in the synthetic data against the real data: 1 = the same distribution."
        )
        + " "
        + _("Measured by: {measures}.").format(measures=", ".join(measures)),
    )


def pair_trend_chart(result: dict, _: Translate = same) -> str | None:
    trends = result["fidelity"]["column_pair_trends"]
    if not trends:
        return None
    columns = list(dict.fromkeys(c for e in trends for c in e["columns"]))
    index = {c: i for i, c in enumerate(columns)}
    matrix: list[list[float | None]] = [[None] * len(columns) for _c in columns]
    for entry in trends:
        a, b = (index[c] for c in entry["columns"])
        matrix[a][b] = matrix[b][a] = entry["score"]
    return heatmap(
        columns,
        matrix,
        title=_("Column pair trends"),
        caption=_(
            "How well each pair of columns keeps its relationship: 1 = the same as in the real data. "
            "A column is not paired with itself (–)."
        ),
    )


def dcr_chart(privacy: dict, _: Translate = same) -> str | None:
    dcr = privacy.get("dcr")
    if not dcr or "baseline_share" not in dcr:
        return None
    return bar_chart(
        [_("synthetic rows"), _("unseen real rows (baseline)")],
        [
            Series(
                _("share closer to training"),
                SYNTHETIC,
                [dcr["closer_to_training_share"], dcr["baseline_share"]],
                [tuple(dcr["ci95"]), tuple(dcr["baseline_ci95"])],
            )
        ],
        title=_("Distance to closest record"),
        caption=_(
            "Share closer to training than to unseen real rows ({n} synthetic rows), with 95% intervals."
        ).format(n=dcr["query_size"]),
        percent=True,
    )


def membership_chart(privacy: dict, _: Translate = same) -> str | None:
    membership = privacy.get("membership_inference")
    if not membership:
        return None
    histogram_ = membership["histogram"]
    return histogram(
        histogram_["edges"],
        [
            Series(_("holdout rows (not in training)"), REAL, histogram_["non_members"]),
            Series(_("training rows (members)"), SYNTHETIC, histogram_["members"]),
        ],
        title=_("Membership-inference attack scores"),
        caption=_(
            "The attack's scores for rows it trained on and rows it never saw; "
            "the more they overlap, the safer."
        ),
        x_title=_("attack score"),
    )


def risk_chart(privacy: dict, _: Translate = same) -> str | None:
    risks = privacy.get("risks")
    if not risks:
        return None
    names = list(risks)
    return bar_chart(
        [_(RISK_LABELS.get(n, n)) for n in names],
        [
            Series(
                _("risk"),
                WARNING,
                [risks[n]["value"] for n in names],
                [tuple(risks[n]["ci95"]) for n in names],
            )
        ],
        title=_("Re-identification risks (WP29), 95% intervals"),
        caption=_("Risk beyond what unseen real rows give away, 0 = none."),
        percent=True,
    )


def fairness_chart(column: str, attribute: dict, _: Translate = same) -> str:
    groups = [str(g["group"]) for g in attribute["groups"]]
    rates = any(g.get("real_label_rate") is not None for g in attribute["groups"])
    field, what = ("label_rate", _("label rate")) if rates else ("share", _("share"))
    return bar_chart(
        groups,
        [
            Series(_("real"), REAL, [g.get(f"real_{field}") for g in attribute["groups"]]),
            Series(_("synthetic"), SYNTHETIC, [g.get(f"synthetic_{field}") for g in attribute["groups"]]),
        ],
        title=_("Fairness: {column}").format(column=column),
        caption=_("{what} per group of {column}, real and synthetic.").format(what=what, column=column),
        percent=True,
    )
