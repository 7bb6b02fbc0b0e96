"""``python -m synth generate DATA ...``: make a synthetic dataset for one purpose.

Writes the synthetic table (CSV or Parquet, by the extension of ``--out``) and its lineage
sidecar ``OUT.lineage.json``. When DATA has a sidecar it is synthetic: the new depth is its
depth + 1 and the ``--max-depth`` limit applies (exit 2 naming the limit).

``--generator mst`` is differentially private: ``--epsilon`` and ``--delta`` set its budget and
``--domain FILE.json`` declares public bounds and categories (see ``synth.generators.dp_budget``);
the guarantee is written into the sidecar's lineage under ``privacy``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from synth.csv_safety import write_safe_csv
from synth.errors import InputError
from synth.generators import GENERATOR_NAMES
from synth.generators.dp_budget import (
    DEFAULT_DELTA,
    DEFAULT_EPSILON,
    check_budget,
    read_domain,
    with_defaults,
)
from synth.lineage.record import DEFAULT_MAX_DEPTH, check_depth, file_sha256, read_sidecar, write_sidecar
from synth.outliers.inject import DEFAULT_INJECTION_FRACTION
from synth.purposes import PURPOSES, AugmentationSpec, BiasSpec, PrivacySpec, PurposeSpec
from synth.split import DEFAULT_HOLDOUT_FRACTION
from synth.stages import DEFAULT_STAGES, STAGES

OUTPUT_FORMATS = (".csv", ".parquet")


def register(subparsers) -> None:
    """Add the ``generate`` subcommand."""
    parser = subparsers.add_parser(
        "generate",
        help="generate a synthetic dataset for a purpose with a chosen generator",
        description="Split DATA into train and holdout, fit a generator on train and write synthetic rows "
        "for one purpose, with a lineage sidecar beside the output.",
    )
    parser.add_argument("data", help="real table, or a synthetic one with its .lineage.json sidecar")
    parser.add_argument("--generator", choices=GENERATOR_NAMES, default="rules")
    parser.add_argument("--purpose", choices=PURPOSES, default="privacy")
    parser.add_argument("--rows", type=int, required=True, help="synthetic rows to write")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same output (rules, gaussian_copula)")
    parser.add_argument("--out", required=True, help="output file, .csv or .parquet")
    parser.add_argument("--train-out", help="also write the real training rows here")
    parser.add_argument("--holdout-out", help="also write the real holdout rows here")
    parser.add_argument("--holdout-fraction", type=float, default=DEFAULT_HOLDOUT_FRACTION)
    parser.add_argument(
        "--protected", nargs="+", default=[], metavar="COL", help="protected attributes (bias)"
    )
    parser.add_argument("--label", help="outcome column: stratifies the split; needed for --target parity")
    parser.add_argument("--target", choices=("equal_groups", "parity", "custom"), default="equal_groups")
    parser.add_argument(
        "--share",
        action="append",
        default=[],
        metavar="GROUP=SHARE",
        help="with --target custom: a protected group's share (repeat; shares sum to 1)",
    )
    parser.add_argument(
        "--augment-column", help="augmentation: column whose rare values to raise (default --label)"
    )
    parser.add_argument(
        "--augment-share", type=float, help="augmentation: share each rare value reaches (default 1/K)"
    )
    parser.add_argument(
        "--outliers",
        type=float,
        nargs="?",
        const=DEFAULT_INJECTION_FRACTION,
        default=0.0,
        metavar="FRACTION",
        help=f"inject flagged outlier-like rows (0-0.05; bare flag = {DEFAULT_INJECTION_FRACTION})",
    )
    parser.add_argument(
        "--epsilon",
        type=float,
        help=f"privacy budget of a DP generator (mst); smaller is more private (default {DEFAULT_EPSILON})",
    )
    parser.add_argument(
        "--delta",
        type=float,
        help=f"delta of a DP generator (mst), far below 1/rows (default {DEFAULT_DELTA:g})",
    )
    parser.add_argument(
        "--domain",
        metavar="FILE.json",
        help='DP generators: public bounds/categories per column, e.g. {"age": {"lower": 0, "upper": 100}}; '
        "columns not declared are paid for from epsilon",
    )
    parser.add_argument("--epochs", type=int, help="training epochs of the deep generators")
    parser.add_argument("--batch-size", type=int, help="batch size of the deep generators")
    parser.add_argument(
        "--max-depth", type=int, default=DEFAULT_MAX_DEPTH, help="synthetic-on-synthetic limit"
    )
    parser.add_argument("--override-justification", metavar="TEXT", help="go past --max-depth, recording why")
    parser.add_argument(
        "--stages",
        nargs="+",
        choices=STAGES,
        default=list(DEFAULT_STAGES),
        help="training stages the data may feed (pre-training needs a justification)",
    )
    parser.add_argument("--pretraining-justification", metavar="TEXT")
    parser.set_defaults(func=run)


def purpose_spec(args: argparse.Namespace) -> PurposeSpec:
    """The purpose spec the arguments describe."""
    if args.purpose == "bias":
        shares = None
        if args.share:
            try:
                shares = {g: float(s) for g, s in (item.rsplit("=", 1) for item in args.share)}
            except ValueError:
                raise InputError("write each --share as GROUP=SHARE, e.g. --share Female=0.5") from None
        return BiasSpec(protected=tuple(args.protected), target=args.target, label=args.label, shares=shares)
    if args.purpose == "augmentation":
        column = args.augment_column or args.label
        if column is None:
            raise InputError("augmentation needs a column to raise: pass --augment-column COL or --label COL")
        return AugmentationSpec(column=column, target_share=args.augment_share)
    return PrivacySpec()


def _check_output(path: str | None, flag: str) -> None:
    if path is not None and Path(path).suffix.lower() not in OUTPUT_FORMATS:
        raise InputError(f"{flag} {path} must end in .csv or .parquet")


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as Parquet, or as spreadsheet-safe CSV, by the file's extension (no index)."""
    if Path(path).suffix.lower() == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        write_safe_csv(frame, path)


def _stderr_progress():
    last = {"message": None}

    def progress(fraction: float, message: str) -> None:
        if message != last["message"]:
            last["message"] = message
            print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    return progress


def run(args: argparse.Namespace) -> int:
    """Generate; user errors raise ``SynthError`` (exit 2 via the runner)."""
    for path, flag in (
        (args.out, "--out"),
        (args.train_out, "--train-out"),
        (args.holdout_out, "--holdout-out"),
    ):
        _check_output(path, flag)
    spec = purpose_spec(args)
    epsilon, delta = with_defaults(args.generator, args.epsilon, args.delta)
    check_budget(args.generator, epsilon, delta)
    domain = read_domain(args.domain) if args.domain else None
    parent = read_sidecar(args.data)
    # Refuse before reading and fitting: the depth limit does not depend on the data.
    check_depth(
        1 if parent is None else parent.depth + 1,
        max_depth=args.max_depth,
        override_justification=args.override_justification,
    )
    from synth.intake import read_table
    from synth.pipeline import run_generation
    from synth.profile import source_facts

    frame = read_table(args.data).frame
    facts = source_facts(frame)
    result = run_generation(
        frame,
        generator=args.generator,
        purpose=spec,
        rows=args.rows,
        seed=args.seed,
        parent_sha256=file_sha256(args.data),
        parent=parent,
        holdout_fraction=args.holdout_fraction,
        label=args.label,
        pii_columns=facts.pii_columns,
        outlier_regions=list(facts.outliers.values()),
        outlier_fraction=args.outliers,
        epochs=args.epochs,
        batch_size=args.batch_size,
        max_depth=args.max_depth,
        override_justification=args.override_justification,
        stages=args.stages,
        pretraining_justification=args.pretraining_justification,
        epsilon=epsilon,
        delta=delta,
        domain=domain,
        progress=_stderr_progress(),
    )
    write_table(result.synthetic, args.out)
    sidecar = write_sidecar(args.out, result.sidecar)
    if args.train_out:
        write_table(result.train, args.train_out)
    if args.holdout_out:
        write_table(result.holdout, args.holdout_out)
    print(summary(result, args.out, sidecar))
    return 0


def summary(result, out: str, sidecar: Path) -> str:
    """A few lines on what was written and how close the targets came."""
    lines = [
        f"wrote {len(result.synthetic)} {result.purpose} rows to {out} (depth {result.lineage.depth}, "
        f"generator {result.lineage.generator}, seed {result.lineage.seed}); lineage in {sidecar}",
        f"allowed stages: {', '.join(result.stages.allowed)}",
    ]
    guarantee = result.lineage.privacy
    if guarantee:
        lines.append(
            f"differential privacy: epsilon {guarantee['epsilon']:g}, delta {guarantee['delta']:g} per "
            f"{guarantee['unit_of_privacy']} ({guarantee['mechanism']}, {guarantee['library']} "
            f"{guarantee['library_version']}; preprocessing spent epsilon "
            f"{guarantee['preprocessing']['epsilon']:g})"
        )
    for row in result.target_report.rows:
        label = f" {row.label}" if row.label else ""
        lines.append(f"  {row.kind} {row.group}{label}: target {row.target:.3f} achieved {row.achieved:.3f}")
    kept = [c for c in result.outlier_coverage if c.real_outliers]
    if kept:
        covered = sum(c.covered for c in kept)
        total = sum(c.real_outliers for c in kept)
        lines.append(f"outliers with synthetic counterparts: {covered}/{total} (train rows)")
    if result.forced_rows:
        lines.append(
            f"note: {result.forced_rows} rows had their conditioned values set after conditional "
            f"sampling fell short"
        )
    return "\n".join(lines)
