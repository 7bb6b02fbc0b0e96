"""``python -m synth curate``: keep n of K x n candidate rows by Bradley–Terry choice on their scores.

ROWS holds the candidates, drawn from one fitted generator in n blocks of K consecutive rows
(``python -m synth generate --rows K*n``). Their utility comes from one of:

* ``--scores SCORES.csv``: one ``score`` per candidate row, as ``python -m reviews rank-fit``
  writes them (the preference model's utility);
* ``--comparisons CMP.csv``: comparisons between candidate rows in rank-fit's format (``winner,loser``
  as 0-based row positions, optionally ``reviewer``). The Bradley–Terry model is fitted here on the
  rows' features, exactly as rank-fit fits it (the reliability-aware model when a reviewer column is
  present), so the scores equal rank-fit's on the same rows and comparisons. The exclusion column
  is not a row feature: it is dropped before the features are fitted.

Rows with a true value in ``--exclude-column`` (flagged by reviewers) and rows scoring below
``--min-score`` (what the acceptance rules would reject) are never kept. The kept rows are written
to OUT without the exclusion column, with a lineage sidecar: the candidates' own lineage (same depth:
no refit on synthetic data) plus the curation settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from synth.csv_safety import write_safe_csv
from synth.errors import InputError
from synth.i18n import N_, Msg


def register(subparsers) -> None:
    """Add the ``curate`` subcommand."""
    parser = subparsers.add_parser(
        "curate",
        help="keep one row per block of K candidates by Bradley-Terry choice on preference scores",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("rows", help="the K x n candidate rows (CSV, TSV, Parquet, XLSX, JSONL)")
    utility = parser.add_argument_group("utility (give exactly one)")
    utility.add_argument("--scores", help="CSV with one 'score' per candidate row, in order")
    utility.add_argument(
        "--comparisons",
        help="CSV with columns winner,loser (0-based row positions) and optionally reviewer; "
        "the Bradley-Terry model is fitted on it",
    )
    parser.add_argument(
        "--scores-out", help="with --comparisons: CSV to write the fitted 'score' of every candidate row"
    )
    parser.add_argument(
        "--alpha", type=float, default=1.0, help="L2 penalty per comparison (with --comparisons; default 1.0)"
    )
    parser.add_argument("--k", type=int, required=True, help="K, candidates per kept row")
    parser.add_argument("--beta", type=float, default=1.0, help="softmax strength on the scores")
    parser.add_argument("--mode", choices=("softmax", "best_of_k"), default="softmax")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exclude-column", help="a column marking rows that must never be kept")
    parser.add_argument("--min-score", type=float, help="never keep rows scoring below this")
    parser.add_argument("--protected", nargs="*", default=[], help="columns whose group shares to report")
    parser.add_argument("--out", required=True, help="where to write the kept rows (CSV)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def _scores(path: Path, n_rows: int) -> np.ndarray:
    if not path.is_file():
        raise InputError(Msg("scores file {path} does not exist; check the path", path=str(path)))
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(
            Msg("scores file {path} is not a readable CSV ({error})", path=str(path), error=str(exc))
        ) from None
    if "score" not in frame.columns:
        raise InputError(
            Msg("{path} has no 'score' column; write it with python -m reviews rank-fit", path=str(path))
        )
    if len(frame) != n_rows:
        raise InputError(
            Msg(
                "{path} has {n} scores for {m} rows; give one per candidate row",
                path=str(path),
                n=len(frame),
                m=n_rows,
            )
        )
    return pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype=float)


def _excluded(rows: pd.DataFrame, column: str | None) -> np.ndarray:
    if column is None:
        return np.zeros(len(rows), bool)
    if column not in rows.columns:
        raise InputError(Msg("the rows have no column {column} to exclude by", column=repr(column)))
    values = rows[column]
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return values.fillna(0).astype(bool).to_numpy()
    return values.astype(str).str.strip().str.lower().isin(("1", "true", "yes", "y")).to_numpy()


def _fitted_utility(candidates: pd.DataFrame, path: Path, alpha: float) -> tuple[np.ndarray, dict]:
    """Each candidate's utility under the Bradley–Terry model fitted on the comparisons, and what
    the lineage records of that fit."""
    from synth.lineage.record import file_sha256
    from synth.preference import ReliablePreferenceModel, fit_scores, read_comparisons

    comparisons = read_comparisons(path, len(candidates))
    fitted = fit_scores(candidates, comparisons, alpha=alpha)
    source: dict = {
        "comparisons_sha256": file_sha256(path),
        "comparisons": int(len(comparisons.pairs)),
        "preference_model": "bradley_terry",
        "alpha": alpha,
    }
    if isinstance(fitted.model, ReliablePreferenceModel):
        source["preference_model"] = "bradley_terry_reviewer_reliability"
        source["reviewer_reliability"] = {r.reviewer: r.reliability for r in fitted.model.reliability}
    return fitted.scores, source


def run(args: argparse.Namespace) -> int:
    """Choose, write the kept rows and their lineage, and print the report."""
    from synth.curation import choose_among_k, curation_report
    from synth.intake import read_table
    from synth.lineage.record import file_sha256, read_sidecar, write_sidecar

    if (args.scores is None) == (args.comparisons is None):
        raise InputError(
            N_("give exactly one of --scores SCORES.csv and --comparisons CMP.csv (the candidates' utility)")
        )
    if args.scores_out and args.comparisons is None:
        raise InputError(
            N_("--scores-out writes the scores fitted on --comparisons; give --comparisons CMP.csv")
        )
    rows = read_table(args.rows).frame
    excluded = _excluded(rows, args.exclude_column)
    candidates = rows.drop(columns=[args.exclude_column] if args.exclude_column else [])
    if args.scores is not None:
        utility = _scores(Path(args.scores), len(rows))
        source = {"scores_sha256": file_sha256(args.scores)}
    else:
        utility, source = _fitted_utility(candidates, Path(args.comparisons), args.alpha)
    if args.min_score is not None:
        excluded |= ~(utility >= args.min_score)
    choice = choose_among_k(utility, args.k, args.beta, args.mode, ~excluded, args.seed)
    missing = [c for c in args.protected if c not in candidates.columns]
    if missing:
        raise InputError(Msg("protected column(s) {columns} are not in the rows", columns=", ".join(missing)))
    kept = candidates.iloc[choice.kept].reset_index(drop=True)
    report = curation_report(candidates, kept, utility, utility[choice.kept], args.protected)
    out = Path(args.out)
    write_safe_csv(kept, out)
    if args.scores_out:
        write_safe_csv(pd.DataFrame({"score": utility}), Path(args.scores_out))
    settings = {
        "mode": args.mode,
        "k": args.k,
        "beta": args.beta,
        "seed": args.seed,
        "candidates_sha256": file_sha256(args.rows),
        **source,
        "exclude_column": args.exclude_column,
        "min_score": args.min_score,
        "blocks": choice.blocks,
        "empty_blocks": choice.empty_blocks,
    }
    parent = read_sidecar(args.rows)
    if parent is not None:  # same generator, same depth: the curation is added to its lineage
        write_sidecar(out, replace(parent, lineage=replace(parent.lineage, curation=settings)))
    result = {"curation": settings, "report": report.to_dict(), "out": str(out)}
    if args.json:
        json.dump(result, sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
    else:
        print(
            f"kept {report.kept} of {report.candidates} candidates "
            f"(K = {args.k}, {args.mode}, beta = {args.beta}); "
            f"mean score {report.mean_utility_before:.3f} -> {report.mean_utility_after:.3f}; wrote {out}"
        )
        for warning in report.warnings:
            print(f"warning: {warning}")
    return 0
