"""Speed of the evaluation core against SDMetrics, measured in the same run.

Run by hand:  .venv/bin/python benchmarks/bench_evaluate.py [--million]

1. Column shapes + column pair trends vs SDMetrics ``QualityReport.generate`` on the same
   100k-row Adult-shaped real and synthetic tables (Adult resampled with replacement).
2. DCR share vs SDMetrics ``DCROverfittingProtection`` on 10k-row tables with the same
   subsample size (2,000 rows of each table).
3. Detection vs SDMetrics ``LogisticDetection`` on the same 100k-row tables (ours samples
   5,000 rows of each and fits gradient-boosted trees; SDMetrics fits on every row).
4. The whole ``evaluate`` without utility on 100k train / 100k synthetic / 25k holdout,
   in a fresh subprocess so its peak resident memory is its own: fidelity, detection, exact
   matches with their baseline, DCR with its baseline, membership inference and the three
   WP29 attacks on every synthetic row. ``--million`` adds 1M / 1M / 250k.

Reads UCI Adult from ../shared/datasets beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ADULT = ROOT.parent / "shared" / "datasets" / "adult.csv"
sys.path.insert(0, str(ROOT))


def adult_like(rows: int, seed: int) -> pd.DataFrame:
    """``rows`` rows resampled from UCI Adult; numbers jittered so they are not copies."""
    frame = pd.read_csv(ADULT, na_values="?", skipinitialspace=True)
    rng = np.random.default_rng(seed)
    sample = frame.iloc[rng.integers(0, len(frame), size=rows)].reset_index(drop=True)
    for column in ("age", "hours-per-week", "fnlwgt"):
        sample[column] = sample[column] + rng.integers(-2, 3, size=rows)
    return sample


def column_types(frame: pd.DataFrame) -> dict[str, str]:
    return {
        c: ("numerical" if pd.api.types.is_numeric_dtype(frame[c]) else "categorical") for c in frame.columns
    }


def bench_fidelity(rows: int = 100_000) -> None:
    from sdmetrics.reports.single_table import QualityReport

    from synth.metrics.evaluate import fidelity

    real, synthetic = adult_like(rows, 1), adult_like(rows, 2)
    types = column_types(real)
    start = time.perf_counter()
    ours = fidelity(real, synthetic, types, extras=False)
    ours_s = time.perf_counter() - start
    report = QualityReport()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report.generate(
            real, synthetic, {"columns": {c: {"sdtype": t} for c, t in types.items()}}, verbose=False
        )
    theirs_s = time.perf_counter() - start
    print(
        f"[fidelity] {rows:,} rows x {len(types)} columns: ours {ours_s:.2f} s, SDMetrics "
        f"QualityReport {theirs_s:.2f} s, "
        f"speed-up {theirs_s / ours_s:.1f}x; overall ours {ours['overall']:.4f} vs SDMetrics "
        f"{report.get_score():.4f} "
        "(SDMetrics subsamples pairs above 50k rows)"
    )


def bench_dcr(rows: int = 10_000, subsample: int = 2_000) -> None:
    from sdmetrics.single_table import DCROverfittingProtection

    from synth.metrics.privacy.dcr import dcr_share

    train, synthetic, holdout = adult_like(rows, 3), adult_like(rows, 4), adult_like(rows, 5)
    types = column_types(train)
    start = time.perf_counter()
    ours = dcr_share(train, synthetic, holdout, types, rows=subsample, scale="reference")
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = DCROverfittingProtection.compute_breakdown(
            train,
            synthetic,
            holdout,
            {"columns": {c: {"sdtype": t} for c, t in types.items()}},
            None,
            num_rows_subsample=subsample,
        )
    theirs_s = time.perf_counter() - start
    print(
        f"[dcr] {rows:,}-row tables, {subsample:,}-row subsample: ours {ours_s:.3f} s, "
        f"SDMetrics DCROverfittingProtection {theirs_s:.2f} s, speed-up {theirs_s / ours_s:.0f}x; "
        f"share ours {ours:.3f} vs SDMetrics "
        f"{theirs['synthetic_data_percentages']['closer_to_training']:.3f} (each from its own "
        f"random subsample; "
        "with per-reference scaling the share moves by a few points between subsamples)"
    )


def bench_detection(rows: int = 100_000) -> None:
    from sdmetrics.single_table import LogisticDetection

    from synth.metrics.fidelity.detection import detection

    real, synthetic = adult_like(rows, 1), adult_like(rows, 2)
    types = column_types(real)
    start = time.perf_counter()
    ours = detection(real, synthetic, types)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = LogisticDetection.compute(
            real, synthetic, {"columns": {c: {"sdtype": t} for c, t in types.items()}}
        )
    theirs_s = time.perf_counter() - start
    print(
        f"[detection] {rows:,}-row tables: ours {ours_s:.2f} s (AUC {ours['auc']:.3f}, "
        f"score {ours['score']:.3f}), SDMetrics LogisticDetection {theirs_s:.2f} s (score {theirs:.3f})"
    )


def _child(train_rows: int, holdout_rows: int) -> None:
    import resource

    from synth.metrics.evaluate import evaluate

    train, synthetic, holdout = (
        adult_like(train_rows, 6),
        adult_like(train_rows, 7),
        adult_like(holdout_rows, 8),
    )
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    result = evaluate(
        train,
        synthetic,
        holdout,
        protected=["sex", "race"],
        label="income",
        purpose="privacy",
        with_utility=False,
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of evaluate alone (all threads), less sensitive than wall time to other load.
    cpu_s = usage.ru_utime + usage.ru_stime - cpu_before
    peak_mb = usage.ru_maxrss / 1024
    print(
        json.dumps({"seconds": seconds, "cpu_s": cpu_s, "peak_rss_mb": peak_mb, "stages": result["timing_s"]})
    )


def bench_evaluate(train_rows: int, holdout_rows: int, limit_s: float, limit_mb: float) -> None:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(train_rows), str(holdout_rows)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    verdict = "within" if figures["seconds"] <= limit_s and figures["peak_rss_mb"] <= limit_mb else "OVER"
    print(
        f"[evaluate] {train_rows:,} train / {train_rows:,} synthetic / {holdout_rows:,} holdout, no utility: "
        f"{figures['seconds']:.2f} s ({figures['cpu_s']:.1f} CPU s), peak RSS "
        f"{figures['peak_rss_mb']:.0f} MB (whole process, data "
        f"included) - "
        f"{verdict} the {limit_s:g} s / {limit_mb / 1024:g} GB budget; stages {figures['stages']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--million", action="store_true", help="also evaluate 1M / 1M / 250k rows")
    parser.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    if not ADULT.is_file():
        sys.exit(f"{ADULT} is absent; the benchmark needs UCI Adult there")
    bench_fidelity()
    bench_dcr()
    bench_detection()
    bench_evaluate(100_000, 25_000, 15, 2048)
    if args.million:
        bench_evaluate(1_000_000, 250_000, 90, 6144)


if __name__ == "__main__":
    main()
