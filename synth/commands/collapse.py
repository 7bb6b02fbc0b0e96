"""``python -m synth collapse``: simulate model collapse and print the round limit it implies."""

from __future__ import annotations

import argparse
import json
import sys

from synth.errors import InputError

DEFAULT_RUNS = {"gaussian": 1000, "table": 3}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``collapse`` subcommand."""
    parser = subparsers.add_parser(
        "collapse",
        help="show how refitting on synthetic data round after round degrades it",
        description="Refit a model on its own samples generation after generation and measure the damage.",
    )
    parser.add_argument("--model", choices=("gaussian", "table"), default="gaussian")
    parser.add_argument("--samples", type=int, default=100, help="M, samples (rows) per generation")
    parser.add_argument("--generations", type=int, default=100, help="G; results cover generations 0..G")
    parser.add_argument(
        "--runs", type=int, default=None, help="independent runs (default 1000 gaussian, 3 table)"
    )
    parser.add_argument("--mode", choices=("replace", "accumulate"), default="replace")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--max-variance-loss", type=float, default=0.10, help="tolerated median variance loss"
    )
    parser.add_argument("--data", help="table mode: the real table (CSV, TSV, Parquet, XLSX, JSONL)")
    parser.add_argument(
        "--generator",
        default="rules",
        help="table mode: rules, gaussian_copula (or bootstrap: resample rows)",
    )
    curated = parser.add_argument_group("curation (gaussian, replace mode)")
    curated.add_argument(
        "--curation",
        choices=("none", "softmax", "best_of_k"),
        default="none",
        help="keep each synthetic sample by choice among K: softmax of the reward, or the best",
    )
    curated.add_argument("--k", type=int, default=4, help="K, candidates per kept sample")
    curated.add_argument(
        "--reward",
        choices=("linear", "quadratic"),
        default="quadratic",
        help="r(x) = beta x, or -beta (x - target)^2 / (2 tau^2)",
    )
    curated.add_argument("--beta", type=float, default=1.0, help="reward scale (softmax weights e^r)")
    curated.add_argument("--target", type=float, default=0.0, help="x*, the preferred value (quadratic)")
    curated.add_argument("--tau", type=float, default=1.0, help="tau, the width of the quadratic reward")
    curated.add_argument(
        "--real-share", type=float, default=0.0, help="lambda, share of fresh real samples each round"
    )
    curated.add_argument(
        "--arms", action="store_true", help="compare replace, accumulate and the curated setting"
    )
    parser.add_argument("--json", action="store_true", help="print the arrays as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the simulation the arguments ask for and print it."""
    runs = DEFAULT_RUNS[args.model] if args.runs is None else args.runs
    report = _gaussian(args, runs) if args.model == "gaussian" else _table(args, runs)
    if args.json:
        json.dump(report, sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
    else:
        print(report.pop("_text"))
    return 0


def _curation(args: argparse.Namespace):
    from synth.lineage.collapse.curation import Curation

    return Curation(
        method=args.curation,
        k=args.k,
        reward=args.reward,
        beta=args.beta,
        target=args.target,
        tau=args.tau,
        real_share=args.real_share,
    )


def _gaussian(args: argparse.Namespace, runs: int) -> dict:
    from synth.lineage.collapse.lab import run_gaussian_lab

    if args.arms:
        return _arms(args, runs)
    lab = run_gaussian_lab(
        args.samples,
        args.generations,
        runs,
        args.mode,
        args.seed,
        args.max_variance_loss,
        _curation(args),
    )
    if args.json:
        return lab.to_dict()
    text = f"{lab.summary().to_string(float_format='{:.4f}'.format)}\n\n{lab.explanation}"
    if lab.curated_explanation:
        text += f"\n{lab.curated_explanation}"
    return {"_text": text}


def _arms(args: argparse.Namespace, runs: int) -> dict:
    from synth.lineage.collapse.arms import run_arms

    comparison = run_arms(
        args.samples, args.generations, runs, _curation(args), args.seed, args.max_variance_loss
    )
    if args.json:
        return {"model": "gaussian", **comparison.to_dict()}
    table = comparison.summary().to_string(float_format="{:.4f}".format)
    return {"_text": f"{table}\n\n{comparison.lesson}\n{comparison.advice_text}"}


def _table(args: argparse.Namespace, runs: int) -> dict:
    from synth.intake import read_table
    from synth.lineage.collapse.table import simulate_table

    if not args.data:
        raise InputError("table mode needs the real table; pass --data FILE")
    real = read_table(args.data).frame
    sim = simulate_table(
        real,
        samples=args.samples,
        generations=args.generations,
        runs=runs,
        mode=args.mode,
        seed=args.seed,
        generator=args.generator,
    )
    if not args.json:
        from synth.lineage.collapse.charts import table_summary

        return {"_text": table_summary(sim).to_string(float_format="{:.3f}".format)}
    return {"model": "table", **sim.to_dict()}
