"""``python -m reviews rank-fit``: fit the preference model on a CSV of comparisons.

Features are fitted on ROWS.csv itself (there is no real table here), the linear
Bradley–Terry model on CMP.csv (columns ``winner,loser``: 0-based row positions in
ROWS.csv), and one ``score`` per row of ROWS.csv is written in order.

With a ``reviewer`` column in CMP.csv (who made each comparison) the reliability-aware
model (CrowdBT, see synth.preference.reliability) is fitted instead: each reviewer gets a
reliability between 0 (answers at random) and 1 (follows the model), their comparisons count
in proportion to it, and ``--reliability-out R.csv`` writes ``reviewer,reliability,flagged``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reviews.errors import ReviewsError
from synth.i18n import N_


def run(args: argparse.Namespace) -> int:
    """Fit and write the scores."""
    # Here: pandas and the preference models (scipy, sklearn), which --help does not need.
    import pandas as pd

    from synth.csv_safety import write_safe_csv
    from synth.preference import (
        FLAG_THRESHOLD,
        ReliablePreferenceModel,
        fit_scores,
        read_comparisons,
        read_csv,
    )

    rows = read_csv(Path(args.rows), N_("Rows"))
    if rows.empty:
        raise ReviewsError(f"{args.rows} has no rows; give the synthetic rows that were compared.")
    comparisons = read_comparisons(Path(args.comparisons), len(rows))
    if args.reliability_out and comparisons.reviewers is None:
        raise ReviewsError(
            f"--reliability-out needs a 'reviewer' column in {args.comparisons} "
            "naming who made each comparison."
        )
    fitted = fit_scores(rows, comparisons, alpha=args.alpha)
    out = Path(args.out)
    write_safe_csv(pd.DataFrame({"score": fitted.scores}), out)
    print(f"wrote {len(rows)} scores from {len(comparisons.pairs)} comparisons to {out}")
    if isinstance(fitted.model, ReliablePreferenceModel):
        table = fitted.model.reliability_frame()[["reviewer", "reliability", "flagged"]]
        flagged = table.loc[table["flagged"], "reviewer"].tolist()
        print(
            f"reliability of {len(table)} reviewer(s) fitted; flagged (below {FLAG_THRESHOLD}): "
            + (", ".join(flagged) if flagged else "none")
        )
        if args.reliability_out:
            write_safe_csv(table, Path(args.reliability_out))
            print(f"wrote reviewer reliability to {args.reliability_out}")
    return 0


def register(subparsers) -> None:
    """Add the ``rank-fit`` subcommand."""
    parser = subparsers.add_parser(
        "rank-fit",
        help="fit the Bradley-Terry preference model on pairwise comparisons and score every row",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", required=True, help="CSV of the synthetic rows")
    parser.add_argument(
        "--comparisons",
        required=True,
        help="CSV with columns winner,loser (0-based row positions) and optionally reviewer",
    )
    parser.add_argument("--out", required=True, help="CSV to write, one 'score' per row of --rows")
    parser.add_argument("--alpha", type=float, default=1.0, help="L2 penalty per comparison (default 1.0)")
    parser.add_argument(
        "--reliability-out",
        help="CSV to write one row per reviewer: reviewer, reliability, flagged (needs a reviewer column)",
    )
    parser.set_defaults(func=run)
