"""``python -m synth generate`` with ``rules`` against ``gaussian_copula``, whole processes.

30,000 rows drawn from UCI Adult (``../shared/datasets/adult.csv``, ``random_state=0``), the
privacy purpose, 30,000 synthetic rows to CSV. Each round runs both commands as fresh
processes, one after the other, so the two see the same machine; the figure is the ratio
of the medians. Start-up and imports are part of what is timed: they are part of what a
person waits for.

    flock /tmp/heavy.lock .venv/bin/python benchmarks/bench_cli_generate.py [--rounds 5] \
        [--before /path/to/an/older/checkout]

``--before`` adds that checkout's ``rules`` (run with this interpreter) to every round, so an
older commit is measured in the same run.

The commands run as on an ordinary installation, where Python keeps the compiled bytecode of
the project's modules: ``PYTHONDONTWRITEBYTECODE`` is removed from their environment (a shell
that sets it makes every process compile them again, about 0.05 s), and one untimed run of
each command comes first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "datasets" / "adult.csv"
ROWS = 30_000
GENERATORS = ("rules", "gaussian_copula")


def sample_source(folder: Path) -> Path:
    import pandas as pd

    path = folder / "adult30k.csv"
    pd.read_csv(SOURCE).sample(ROWS, random_state=0).to_csv(path, index=False)
    return path


def timed_generate(checkout: Path, source: Path, generator: str, out: Path) -> float:
    command = [sys.executable, "-m", "synth", "generate", str(source), "--generator", generator]
    command += ["--rows", str(ROWS), "--out", str(out)]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, cwd=checkout, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="an older checkout whose rules to time as well")
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"{SOURCE} is absent; this benchmark needs UCI Adult there", file=sys.stderr)
        return 2
    runs = {name: (ROOT, name) for name in GENERATORS}
    if args.before:
        runs = {"rules (before)": (args.before.resolve(), "rules"), **runs}
    seconds: dict[str, list[float]] = {label: [] for label in runs}
    with tempfile.TemporaryDirectory() as folder:
        source = sample_source(Path(folder))
        for checkout, generator in runs.values():
            timed_generate(checkout, source, generator, Path(folder) / "warm-up.csv")
        for round_ in range(1, args.rounds + 1):
            for label, (checkout, generator) in runs.items():
                out = Path(folder) / f"{generator}.csv"
                seconds[label].append(timed_generate(checkout, source, generator, out))
            print(f"round {round_}: " + ", ".join(f"{label} {seconds[label][-1]:.2f} s" for label in runs))
    medians = {label: statistics.median(values) for label, values in seconds.items()}
    for label, values in seconds.items():
        print(f"{label}: median {medians[label]:.2f} s wall ({' / '.join(f'{v:.2f}' for v in values)})")
    for label in runs:
        if label != "gaussian_copula":
            print(f"gaussian_copula / {label}, medians: {medians['gaussian_copula'] / medians[label]:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
