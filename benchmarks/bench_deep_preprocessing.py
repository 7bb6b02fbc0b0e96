"""What the deep generators spend before their first epoch, and whether a cheaper setting keeps quality.

German credit (``../shared/datasets/german_credit_decoded.csv``), 80 % train / 20 % holdout
(seed 0); ``ctgan`` (default 100 epochs, batch 500) fitted on train, as many rows sampled
as the holdout has. Settings compared, each fitted with the same seeds:

* ``ctgan as shipped``: ctgan's own ``DataTransformer`` (10 modes per numerical column; rows
  encoded in a joblib process pool from 500 rows on);
* ``in-process encoding, N modes``: the app's ``ReportingDataTransformer`` with
  ``MAX_CLUSTERS = N`` (10 is ctgan's default).

Time before the first epoch is from ``fit`` to the "epoch 1" progress message. Quality is
SDMetrics' ``QualityReport`` score of the synthetic rows against the holdout.

    flock /tmp/heavy.lock nice -n 5 .venv/bin/python benchmarks/bench_deep_preprocessing.py [--seeds 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

SOURCE = ROOT.parent / "shared" / "datasets" / "german_credit_decoded.csv"


def one_fit(train: pd.DataFrame, holdout: pd.DataFrame, seed: int, epochs: int) -> tuple[float, float, float]:
    """Seconds before the first epoch, seconds for the whole fit, and the quality score."""
    from sdmetrics.reports import QualityReport

    from synth.generators import make_generator
    from synth.generators.sdv_models import table_metadata

    began, first_epoch = time.perf_counter(), []

    def progress(_fraction: float, message: str) -> None:
        if not first_epoch and "epoch 1/" in str(message):
            first_epoch.append(time.perf_counter() - began)

    generator = make_generator("ctgan", seed=seed, epochs=epochs)
    generator.fit(train, progress=progress)
    fitted = time.perf_counter() - began
    synthetic = generator.sample(len(holdout))
    report = QualityReport()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report.generate(holdout, synthetic, table_metadata(train).to_dict()["tables"]["table"], verbose=False)
    return first_epoch[0], fitted, float(report.get_score())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--modes", type=int, nargs="+", default=[10, 5, 3], help="MAX_CLUSTERS settings")
    args = parser.parse_args()
    from ctgan.data_transformer import DataTransformer

    from synth.generators import epoch_hooks

    frame = pd.read_csv(SOURCE)
    holdout = frame.sample(frac=0.2, random_state=0)
    train = frame.drop(holdout.index).reset_index(drop=True)
    holdout = holdout.reset_index(drop=True)
    in_process = epoch_hooks.ReportingDataTransformer.transform
    settings = [("ctgan as shipped", 10, DataTransformer.transform)]
    settings += [(f"in-process encoding, {m} modes", m, in_process) for m in args.modes]
    print(f"load average before: {os.getloadavg()}", flush=True)
    rows = []
    for name, modes, transform in settings:
        epoch_hooks.MAX_CLUSTERS = modes
        epoch_hooks.ReportingDataTransformer.transform = transform  # type: ignore[method-assign]
        runs = np.array([one_fit(train, holdout, seed, args.epochs) for seed in range(args.seeds)])
        print(f"{name}: {runs.round(3).tolist()}", flush=True)
        before, total, quality = runs.mean(axis=0)
        spread = f"{runs[:, 2].min():.3f}–{runs[:, 2].max():.3f}"
        rows.append(f"| {name} | {before:.1f} | {total:.1f} | {quality:.3f} ({spread}) |")
    print(f"\n| setting | s before epoch 1 | fit s | quality on holdout (range over {args.seeds} seeds) |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
