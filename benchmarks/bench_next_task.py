"""Time producing a reviewer's next task over 5,000 synthetic rows (budget: 300 ms).

One "next task" is: active selection of the next batch of pairs from the current model
scores (with 200 comparisons already issued), then row context for the rows the first
task shows. The refit of the preference model after a batch is timed on its own line.

Rows are UCI Adult (from the shared datasets folder): 5,000 rows stand in for the real
table and 5,000 others, with jittered numbers, for the synthetic one.

Peer: the straightforward selection, which scores all n(n-1)/2 pairs with
``|sigmoid(s_i - s_j) - 0.5|`` and takes the smallest, timed in the same run.

    .venv/bin/python benchmarks/bench_next_task.py [--rows 5000] [--repeats 50]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script from anywhere

from reviews.ranking.active_selection import select_pairs  # noqa: E402
from reviews.ranking.features import RowFeatures  # noqa: E402
from reviews.ranking.preference import PreferenceModel  # noqa: E402
from reviews.ranking.row_context import RowContext  # noqa: E402

ADULT = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "adult.csv"
BUDGET_S = 0.300


def all_pairs_peer(scores: np.ndarray, n_pairs: int) -> np.ndarray:
    """Most uncertain pairs by scanning every pair, a block of rows at a time."""
    n = len(scores)
    best_u = np.empty(0)
    best_p = np.empty((0, 2), dtype=int)
    for start in range(0, n, 500):
        i = np.arange(start, min(start + 500, n))
        u = np.abs(expit(scores[i, None] - scores[None, :]) - 0.5)
        u[np.arange(len(i)), i] = np.inf
        u[i[:, None] >= np.arange(n)[None, :]] = np.inf  # upper triangle only
        flat = np.argpartition(u.ravel(), n_pairs)[:n_pairs]
        best_u = np.r_[best_u, u.ravel()[flat]]
        best_p = np.vstack([best_p, np.column_stack([i[flat // n], flat % n])])
    keep = np.argsort(best_u)[:n_pairs]
    return best_p[keep]


def timed(fn, repeats: int) -> np.ndarray:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return np.asarray(out)


def report(name: str, seconds: np.ndarray) -> float:
    median, p95 = np.median(seconds) * 1000, np.percentile(seconds, 95) * 1000
    print(f"{name:<44} median {median:8.2f} ms   p95 {p95:8.2f} ms")
    return float(np.median(seconds))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    if not ADULT.is_file():
        print(f"skipped: {ADULT} is absent (the benchmark reads UCI Adult from the shared datasets folder)")
        return 0
    table = pd.read_csv(ADULT, na_values="?", skipinitialspace=True).sample(2 * args.rows, random_state=0)
    real, synthetic = table.iloc[: args.rows], table.iloc[args.rows :].reset_index(drop=True)
    rng = np.random.default_rng(0)
    for col in ("age", "hours-per-week", "fnlwgt"):
        synthetic[col] = synthetic[col] * rng.normal(1.0, 0.05, len(synthetic))

    context = RowContext.fit(real)
    features = RowFeatures.fit(real, context=context)
    X = features.transform(synthetic)
    issued = select_pairs(np.zeros(len(X)), None, 200, seed=0)
    true_u = X @ rng.normal(size=X.shape[1])
    wins = rng.random(len(issued)) < expit(true_u[issued[:, 0]] - true_u[issued[:, 1]])
    answered = np.where(wins[:, None], issued, issued[:, ::-1])
    model = PreferenceModel().fit(X, answered, features.feature_names)
    scores = model.scores(X)

    def next_task():
        pairs = select_pairs(scores, issued, 10, seed=1)
        context.describe(synthetic.iloc[pairs[0]])

    print(f"{len(synthetic)} synthetic rows, {X.shape[1]} features, {len(issued)} comparisons issued")
    ours = report("next task (select 10 pairs + row context)", timed(next_task, args.repeats))
    report(
        "  of which row context for 2 rows", timed(lambda: context.describe(synthetic.iloc[:2]), args.repeats)
    )
    report("refit model + score all rows (per batch)", timed(lambda: model.fit(X, answered).scores(X), 10))
    peer = report("peer: all-pairs uncertainty scan", timed(lambda: all_pairs_peer(scores, 10), 5))
    print(
        f"next task uses {ours / BUDGET_S:.1%} of the 300 ms budget; {peer / ours:.0f}x faster than the peer"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
