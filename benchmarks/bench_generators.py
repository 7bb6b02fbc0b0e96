"""Fit and sample times of every generator on Adult-shaped data, 10k and 100k rows.

Adult (../shared/datasets/adult.csv) is resampled with replacement (seeded) up to each
size. Each generator fits on N rows and samples N rows. Deep models train a fixed, small
number of epochs (``--epochs``, default 1), stated in the output. The last line is the
ratio of GaussianCopula's fit+sample time to rules' on the same largest table (the
requirement is >= 10x).

    .venv/bin/python benchmarks/bench_generators.py [--sizes 10000 100000] [--epochs 1] [--skip-deep]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synth.generators import DEEP_GENERATORS, DP_GENERATORS, GENERATOR_NAMES, make_generator  # noqa: E402

ADULT = ROOT.parent / "shared" / "datasets" / "adult.csv"


def adult_rows(n: int) -> pd.DataFrame:
    """``n`` rows resampled from UCI Adult ('?' as missing)."""
    return pd.read_csv(ADULT, na_values="?").sample(n, replace=True, random_state=0).reset_index(drop=True)


def time_generator(name: str, frame: pd.DataFrame, epochs: int) -> tuple[float, float]:
    """Seconds to fit on ``frame`` and to sample as many rows."""
    gen = make_generator(name, seed=0, epochs=epochs if name in DEEP_GENERATORS else None)
    start = time.perf_counter()
    gen.fit(frame)
    fitted = time.perf_counter()
    gen.sample(len(frame))
    return fitted - start, time.perf_counter() - fitted


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--epochs", type=int, default=1, help="epochs for ctgan, tvae, copulagan")
    parser.add_argument("--skip-deep", action="store_true")
    args = parser.parse_args()
    if not ADULT.is_file():
        print(f"skipped: {ADULT} is absent", file=sys.stderr)
        return 0
    # DP generators have their own benchmark (bench_dp_mst.py): they need a declared domain.
    names = [
        n for n in GENERATOR_NAMES if n not in DP_GENERATORS and not (args.skip_deep and n in DEEP_GENERATORS)
    ]
    print(
        f"deep models (ctgan, tvae, copulagan): {args.epochs} epoch(s), batch size 500; CPU threads: "
        f"{__import__('torch').get_num_threads()}"
    )
    print(f"{'rows':>8} {'generator':<16} {'fit s':>9} {'sample s':>9} {'total s':>9}")
    totals: dict[tuple[int, str], float] = {}
    for size in args.sizes:
        frame = adult_rows(size)
        for name in names:
            fit_s, sample_s = time_generator(name, frame, args.epochs)
            totals[size, name] = fit_s + sample_s
            print(f"{size:>8} {name:<16} {fit_s:>9.2f} {sample_s:>9.2f} {fit_s + sample_s:>9.2f}", flush=True)
    largest = max(args.sizes)
    ratio = totals[largest, "gaussian_copula"] / totals[largest, "rules"]
    verdict = "meets" if ratio >= 10 else "MISSES"
    print(
        f"rules vs gaussian_copula fit+sample at {largest} rows: {ratio:.1f}x faster ({verdict} the 10x bar)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
