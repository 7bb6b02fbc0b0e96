"""``python -m reviews rank-fit``: fit the preference model on a CSV of comparisons.

Features are fitted on ROWS.csv itself (there is no real table here), the linear
Bradley–Terry model on CMP.csv (columns ``winner,loser``: 0-based row positions in
ROWS.csv), and one ``score`` per row of ROWS.csv is written in order.

With a ``reviewer`` column in CMP.csv (who made each comparison) the reliability-aware
model (CrowdBT, see reviews.ranking.reliability) is fitted instead: each reviewer gets a
reliability between 0 (answers at random) and 1 (follows the model), their comparisons count
in proportion to it, and ``--reliability-out R.csv`` writes ``reviewer,reliability,flagged``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from reviews.errors import ReviewsError
from reviews.ranking.features import RowFeatures
from reviews.ranking.preference import PreferenceModel, validate_pairs
from reviews.ranking.reliability import FLAG_THRESHOLD, ReliablePreferenceModel


def _read_csv(path: Path, what: str) -> pd.DataFrame:
    if not path.is_file():
        raise ReviewsError(f"{what} file {path} does not exist; check the path.")
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ReviewsError(
            f"{what} file {path} is not a readable CSV ({exc}); save it as UTF-8 CSV."
        ) from exc


def _comparisons(path: Path, n_rows: int):
    cmp = _read_csv(path, "Comparisons")
    missing = [c for c in ("winner", "loser") if c not in cmp.columns]
    if missing:
        raise ReviewsError(
            f"{path} lacks column(s) {missing}; it needs 'winner' and 'loser' (0-based row positions)."
        )
    pairs = cmp[["winner", "loser"]]
    numeric = pairs.apply(pd.to_numeric, errors="coerce")
    bad = numeric.isna().any(axis=1) | (numeric % 1 != 0).any(axis=1)
    if bad.any():
        raise ReviewsError(
            f"{path}: {int(bad.sum())} comparison(s) have a winner or loser that is not a whole number "
            f"(first at line {int(bad.to_numpy().argmax()) + 2}); use 0-based row positions."
        )
    try:
        pairs = validate_pairs(numeric.to_numpy(dtype=int), n_rows)
    except ReviewsError as exc:
        raise ReviewsError(f"{path}: {exc}") from None
    if "reviewer" not in cmp.columns:
        return pairs, None
    reviewers = cmp["reviewer"]
    if reviewers.isna().any():
        raise ReviewsError(
            f"{path}: {int(reviewers.isna().sum())} comparison(s) have no reviewer "
            f"(first at line {int(reviewers.isna().to_numpy().argmax()) + 2}); name who made each one."
        )
    return pairs, reviewers.astype(str).tolist()


def run(args: argparse.Namespace) -> int:
    """Fit and write the scores."""
    rows = _read_csv(Path(args.rows), "Rows")
    if rows.empty:
        raise ReviewsError(f"{args.rows} has no rows; give the synthetic rows that were compared.")
    pairs, reviewers = _comparisons(Path(args.comparisons), len(rows))
    if args.reliability_out and reviewers is None:
        raise ReviewsError(
            f"--reliability-out needs a 'reviewer' column in {args.comparisons} "
            "naming who made each comparison."
        )
    features = RowFeatures.fit(rows)
    matrix = features.transform(rows)
    if reviewers is None:
        model = PreferenceModel(alpha=args.alpha).fit(matrix, pairs, features.feature_names)
    else:
        model = ReliablePreferenceModel(alpha=args.alpha).fit(
            matrix, pairs, reviewers, features.feature_names
        )
    out = Path(args.out)
    pd.DataFrame({"score": model.scores(matrix)}).to_csv(out, index=False)
    print(f"wrote {len(rows)} scores from {len(pairs)} comparisons to {out}")
    if reviewers is not None:
        table = model.reliability_frame()[["reviewer", "reliability", "flagged"]]
        flagged = table.loc[table["flagged"], "reviewer"].tolist()
        print(
            f"reliability of {len(table)} reviewer(s) fitted; flagged (below {FLAG_THRESHOLD}): "
            + (", ".join(flagged) if flagged else "none")
        )
        if args.reliability_out:
            table.to_csv(Path(args.reliability_out), index=False)
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
