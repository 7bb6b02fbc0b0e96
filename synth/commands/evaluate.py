"""``python -m synth evaluate``: compare a synthetic table with its real training data."""

from __future__ import annotations

import argparse
import json
import sys

from synth.intake import read_table
from synth.lineage.record import read_sidecar
from synth.purposes.gates import PURPOSES


def register(subparsers) -> None:
    """Add the ``evaluate`` subcommand."""
    parser = subparsers.add_parser(
        "evaluate",
        help="fidelity, privacy, fairness and utility evidence for a synthetic table",
        description="Compare the synthetic table with the real training table (and the holdout, for privacy "
        "and utility). Exit status: 0 when every gate passes or warns, 1 when a gate fails, 2 on bad input.",
    )
    parser.add_argument("--real", required=True, help="the real training table")
    parser.add_argument("--synthetic", required=True, help="the synthetic table")
    parser.add_argument(
        "--holdout", help="real rows the generator never saw (needed for DCR, risks and utility)"
    )
    parser.add_argument(
        "--protected", nargs="*", default=[], metavar="COL", help="protected attribute columns"
    )
    parser.add_argument("--label", help="outcome column (fairness label rates, utility)")
    parser.add_argument(
        "--positive-class",
        help="the label's favourable value (default: a favourable-looking value, else the minority)",
    )
    parser.add_argument("--purpose", choices=PURPOSES, help="purpose whose gates to apply")
    parser.add_argument("--no-utility", action="store_true", help="skip training the utility models")
    parser.add_argument("--json", metavar="OUT", help="write the result as JSON to OUT ('-' for stdout)")
    parser.add_argument("--html", metavar="OUT", help="write a self-contained HTML report to OUT")
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the tables, evaluate, write the outputs; exit 1 when a gate fails."""
    real = read_table(args.real).frame
    synthetic = read_table(args.synthetic).frame
    holdout = read_table(args.holdout).frame if args.holdout else None
    from synth.metrics.evaluate import evaluate  # the statistics stack, only when evaluating

    result = evaluate(
        real,
        synthetic,
        holdout,
        protected=args.protected,
        label=args.label,
        positive_class=args.positive_class,
        purpose=args.purpose,
        with_utility=not args.no_utility,
        seed=args.seed,
        guarantee=_recorded_guarantee(args.synthetic),
    )
    if args.json == "-":
        json.dump(result, sys.stdout, default=str)
        sys.stdout.write("\n")
    elif args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, default=str, indent=1)
    if args.html:
        from synth.metrics.report_html import write_html  # plotly, only for the HTML report

        write_html(result, args.html)
    if args.json != "-":
        sys.stdout.write(_summary(result))
    return 1 if any(g["status"] == "fail" for g in result["gates"]) else 0


def _recorded_guarantee(synthetic_path: str) -> dict | None:
    """The DP guarantee in the synthetic file's lineage sidecar (written by ``generate``), if any."""
    sidecar = read_sidecar(synthetic_path)
    return sidecar.lineage.privacy if sidecar else None


def _summary(result: dict) -> str:
    fidelity = result["fidelity"]
    privacy = result["privacy"]
    lines = [
        f"fidelity overall: {_fmt(fidelity['overall'])} (shapes {_fmt(fidelity['column_shapes_score'])}, "
        f"pair trends {_fmt(fidelity['column_pair_trends_score'])})",
        f"exact-match rate: {_fmt(privacy['exact_match_rate'])}",
    ]
    detection = fidelity.get("detection") or {}
    if detection.get("auc") is not None:
        lines.append(f"detection AUC: {_fmt(detection['auc'])} {_interval(detection['ci95'])}")
    if privacy.get("exact_match"):
        e = privacy["exact_match"]
        lines.append(
            f"exact-match rate of holdout rows: {_fmt(e['baseline_rate'])}; "
            f"excess {_fmt(e['excess']['value'])} {_interval(e['excess']['ci95'])}"
        )
    if privacy.get("dcr"):
        d = privacy["dcr"]
        lines.append(
            f"DCR closer to training: {_fmt(d['closer_to_training_share'])} {_interval(d['ci95'])} "
            f"n={d['query_size']}; baseline {_fmt(d['baseline_share'])} n={d['baseline_query_size']}; "
            f"difference {_fmt(d['difference']['value'])} {_interval(d['difference']['ci95'])}"
        )
        m = privacy["membership_inference"]
        lines.append(f"membership inference AUC: {_fmt(m['auc'])} {_interval(m['ci95'])}")
        for name, risk in privacy["risks"].items():
            lines.append(
                f"{name} risk: {_fmt(risk['value'])} [{_fmt(risk['ci95'][0])}, {_fmt(risk['ci95'][1])}]"
            )
    if result.get("utility") and result["utility"].get("ratio") is not None:
        lines.append(
            f"utility ratio (TSTR/TRTR {result['utility']['headline_metric']}): "
            f"{_fmt(result['utility']['ratio'])}"
        )
    for gate in result["gates"]:
        lines.append(f"gate {gate['name']}: {gate['status'].upper()} - {gate['explanation']}")
    return "\n".join(lines) + "\n"


def _interval(bounds) -> str:
    return f"[{_fmt(bounds[0])}, {_fmt(bounds[1])}]"


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.4g}"
