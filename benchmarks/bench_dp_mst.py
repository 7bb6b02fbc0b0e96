"""Time and fidelity of the DP generator ``mst`` on 10k UCI Adult rows at epsilon = 1.

Ten columns of Adult (``tests/data/adult_domain.json``: age, hours-per-week and eight
categorical ones) are sampled without replacement (seeded) to 10,000 rows. ``mst`` fits on
them and samples as many rows, twice: with every domain declared from Adult's codebook (the
whole budget goes to MST) and with none declared (30 % of epsilon pays for bounds and
categories). The peer, in the same run, is SmartNoise's own ``MSTSynthesizer.fit`` with its
default transformer, which reads the categories from the data without paying for them and
bins the two numeric columns into the same 20 bins with the declared bounds. Fidelity is the
project's overall score (column shapes and pair trends, equal to SDMetrics' QualityReport)
of the synthetic rows against the 10,000 training rows.

    .venv/bin/python benchmarks/bench_dp_mst.py [--rows 10000] [--epsilon 1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synth.generators import make_generator  # noqa: E402
from synth.metrics.base import infer_column_types  # noqa: E402
from synth.metrics.evaluate import fidelity  # noqa: E402

ADULT = ROOT.parent / "shared" / "datasets" / "adult.csv"
DOMAIN = ROOT / "tests" / "data" / "adult_domain.json"


def overall(real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
    return fidelity(real, synthetic, infer_column_types(real), extras=False)["overall"]


def run_ours(train: pd.DataFrame, epsilon: float, domain: dict | None) -> tuple[float, float, float]:
    model = make_generator("mst", seed=0, epsilon=epsilon, domain=domain)
    start = time.perf_counter()
    model.fit(train)
    fitted = time.perf_counter()
    synthetic = model.sample(len(train))
    return fitted - start, time.perf_counter() - fitted, overall(train, synthetic)


def run_smartnoise(train: pd.DataFrame, epsilon: float, domain: dict) -> tuple[float, float, float]:
    from snsynth import Synthesizer
    from snsynth.transform import BinTransformer, LabelTransformer, TableTransformer

    numeric = [c for c, spec in domain.items() if "lower" in spec]
    transformers = [
        BinTransformer(bins=20, lower=domain[c]["lower"], upper=domain[c]["upper"], nullable=True)
        if c in numeric
        else LabelTransformer(nullable=True)
        for c in train.columns
    ]
    synth = Synthesizer.create("mst", epsilon=epsilon, delta=1e-6)
    start = time.perf_counter()
    synth.fit(train, transformer=TableTransformer(transformers))
    fitted = time.perf_counter()
    synthetic = synth.sample(len(train))
    return fitted - start, time.perf_counter() - fitted, overall(train, synthetic)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--epsilon", type=float, default=1.0)
    args = parser.parse_args()
    if not ADULT.is_file():
        print(f"{ADULT} is absent; this benchmark reads UCI Adult from it", file=sys.stderr)
        return 2
    domain = json.loads(DOMAIN.read_text())
    frame = pd.read_csv(ADULT, na_values="?")[list(domain)]
    train = frame.sample(args.rows, random_state=0).reset_index(drop=True)
    print(f"{args.rows} Adult rows, {train.shape[1]} columns, epsilon {args.epsilon}, delta 1e-6")
    print("| run | fit s | sample s | total s | fidelity overall |")
    print("|---|---|---|---|---|")
    runs = (
        ("mst, every domain declared", lambda: run_ours(train, args.epsilon, domain)),
        ("mst, no domain declared (paid from epsilon)", lambda: run_ours(train, args.epsilon, None)),
        (
            "smartnoise-synth MSTSynthesizer.fit (categories read for free)",
            lambda: run_smartnoise(train, args.epsilon, domain),
        ),
    )
    for label, run in runs:
        fit_s, sample_s, score = run()
        print(
            f"| {label} | {fit_s:.1f} | {sample_s:.1f} | {fit_s + sample_s:.1f} | {score:.3f} |", flush=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
