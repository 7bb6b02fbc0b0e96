"""The peers' time on the tables of ``bench_evaluate.py``'s whole-``evaluate`` case.

Run by hand:  .venv/bin/python benchmarks/bench_privacy_peers.py [--venv /tmp/anonymeter-venv]

Same 100k training / 100k synthetic / 25k holdout Adult-shaped tables (``adult_like`` with
seeds 6, 7 and 8). SynthReview's own time is ``bench_evaluate.py``'s ``[evaluate]`` line.

* SDMetrics (in this environment): ``QualityReport.generate`` (column shapes and pair
  trends), ``LogisticDetection.compute`` (detection) and
  ``DCROverfittingProtection.compute_breakdown`` with ``num_rows_subsample=2000`` (it then
  samples 2,000 rows of each table; without a subsample it compares 100k x 125k rows).
* anonymeter 1.1.0 (in its own virtualenv, see ``bench_anonymeter.py``): linkability
  (2,000 attacks, the two column halves of our attack, one neighbour) and inference (2,000
  attacks, ``income`` secret, every other column auxiliary), each with the holdout as
  control, ``n_jobs=2`` (both cores).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_anonymeter import RUNNER, ensure_venv  # noqa: E402
from benchmarks.bench_evaluate import adult_like, column_types  # noqa: E402


def _timed(work) -> float:
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", type=Path, default=Path("/tmp/anonymeter-venv"))
    parser.add_argument("--skip-sdmetrics", action="store_true")
    parser.add_argument("--skip-anonymeter", action="store_true")
    args = parser.parse_args()
    from sdmetrics.reports.single_table import QualityReport
    from sdmetrics.single_table import DCROverfittingProtection, LogisticDetection

    from synth.metrics.privacy.neighbours import find_neighbours

    train, synthetic, holdout = adult_like(100_000, 6), adult_like(100_000, 7), adult_like(25_000, 8)
    types = column_types(train)
    metadata = {"columns": {c: {"sdtype": t} for c, t in types.items()}}
    if not args.skip_sdmetrics:
        seconds = {
            "QualityReport": _timed(
                lambda: QualityReport().generate(train, synthetic, metadata, verbose=False)
            ),
            "LogisticDetection": _timed(lambda: LogisticDetection.compute(train, synthetic, metadata)),
            "DCROverfittingProtection (2,000-row subsample)": _timed(
                lambda: DCROverfittingProtection.compute_breakdown(
                    train, synthetic, holdout, metadata, None, num_rows_subsample=2_000
                )
            ),
        }
        for name, spent in seconds.items():
            print(f"[sdmetrics] {name}: {spent:.1f} s", flush=True)
        print(f"[sdmetrics] total: {sum(seconds.values()):.1f} s", flush=True)
    if args.skip_anonymeter:
        return
    halves = find_neighbours(train, synthetic, holdout, types, secret="income").halves
    python = ensure_venv(args.venv)
    with tempfile.TemporaryDirectory() as folder:
        train.to_csv(f"{folder}/train.csv", index=False)
        holdout.to_csv(f"{folder}/holdout.csv", index=False)
        synthetic.to_csv(f"{folder}/case0.csv", index=False)
        completed = subprocess.run(
            [str(python), "-c", RUNNER, folder, "income", json.dumps(halves), json.dumps(["case0"]), "2"],
            capture_output=True,
            text=True,
        )
    if completed.returncode:
        sys.exit(completed.stderr)
    theirs = json.loads(completed.stdout.strip().splitlines()[-1])["case0"]
    for risk in ("linkability", "inference"):
        print(f"[anonymeter] {risk}: {theirs[risk]['seconds']:.1f} s (risk {theirs[risk]['value']:.3f})")
    print(f"[anonymeter] total: {theirs['linkability']['seconds'] + theirs['inference']['seconds']:.1f} s")


if __name__ == "__main__":
    main()
