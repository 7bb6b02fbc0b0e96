"""Time the Gaussian collapse simulation: 2,000 runs x 500 generations x 100 samples, both modes.

Peer: the same simulation written run by run (one numpy call per run and generation, the
straightforward loop), timed in the same process on the same sizes. Prints seconds and the
speed-up of the vectorised version.

    .venv/bin/python benchmarks/bench_collapse.py [--runs 2000] [--generations 500] [--samples 100]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script from anywhere

from synth.lineage.collapse.gaussian import simulate_gaussian  # noqa: E402


def per_run_loop(samples: int, generations: int, runs: int, mode: str, seed: int) -> np.ndarray:
    """The unvectorised peer: each run draws its own samples; returns the final variances.

    ``accumulate`` keeps running sums (not the samples), as the vectorised version does.
    """
    rng = np.random.default_rng(seed)
    final = np.empty(runs)
    for r in range(runs):
        mu, var, n, total, total_sq = 0.0, 1.0, 0, 0.0, 0.0
        for _ in range(generations):
            x = rng.normal(mu, np.sqrt(var), samples)
            if mode == "replace":
                mu, var = x.mean(), x.var(ddof=1)
                continue
            n, total, total_sq = n + samples, total + x.sum(), total_sq + x @ x
            mu, var = total / n, (total_sq - total * total / n) / (n - 1)
        final[r] = var
    return final


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--generations", type=int, default=500)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    size = (args.samples, args.generations, args.runs)
    print(f"runs={args.runs} generations={args.generations} samples={args.samples}")
    for mode in ("replace", "accumulate"):
        ours, sim = timed(simulate_gaussian, *size, mode, args.seed)
        peer, final = timed(per_run_loop, *size, mode, args.seed)
        print(
            f"{mode:10s} vectorised {ours:7.2f} s | per-run loop {peer:7.2f} s | speed-up "
            f"{peer / ours:6.1f}x | "
            f"median variance at G: {sim.median_var[-1]:.4f} (loop: {np.median(final):.4f})"
        )
    print(f"peak resident memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
