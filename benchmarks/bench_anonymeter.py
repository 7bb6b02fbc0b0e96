"""Our linkability and inference risks against anonymeter's, run natively on the same tables.

Run by hand:  .venv/bin/python benchmarks/bench_anonymeter.py [--venv /tmp/anonymeter-venv]

anonymeter pins older numpy and pandas than this project, so it runs in its own virtualenv
(made with ``python3.11 -m venv`` and ``pip install anonymeter==1.1.0`` when absent). Tables,
from UCI Adult (train + test files): 20,000 training rows, 5,000 holdout rows (the control), and
three synthetic tables: a shuffled copy of the training table, a 30%-leaky table (30% training
rows, 70% fresh real rows) and a fresh real sample. anonymeter's settings are its native ones:
2,000 attacks, the label ``income`` as the secret and every other column auxiliary (inference),
the two halves of the columns that our attack used as the two parties' columns, one neighbour
(linkability). Prints both risks with their 95% intervals and the times.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANONYMETER = "anonymeter==1.1.0"
RUNNER = r"""
import json, sys, time
import pandas as pd
from anonymeter.evaluators import InferenceEvaluator, LinkabilityEvaluator
from anonymeter.neighbors.mixed_types_kneighbors import MixedTypeKNeighbors

folder, secret, halves = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
n_jobs = int(sys.argv[5]) if len(sys.argv) > 5 else 1
train = pd.read_csv(f"{folder}/train.csv")
control = pd.read_csv(f"{folder}/holdout.csv")
out = {}
for case in json.loads(sys.argv[4]):
    synthetic = pd.read_csv(f"{folder}/{case}.csv")
    row = {}
    start = time.perf_counter()
    link = LinkabilityEvaluator(ori=train, syn=synthetic, control=control, n_attacks=2000,
                                aux_cols=(halves[0], halves[1]), n_neighbors=1).evaluate(n_jobs=n_jobs)
    risk = link.risk()
    row["linkability"] = {"value": float(risk.value), "ci95": [float(v) for v in risk.ci],
                          "seconds": time.perf_counter() - start}
    # anonymeter's own neighbour search on our attack's targets: the attack rate on the same rows.
    members = pd.read_csv(f"{folder}/{case}_members.csv")
    picks = [MixedTypeKNeighbors(n_neighbors=1, n_jobs=n_jobs).fit(synthetic[h]).kneighbors(members[h])[:, 0]
             for h in halves]
    row["same_targets_attack_rate"] = float((picks[0] == picks[1]).mean())
    start = time.perf_counter()
    aux = [c for c in train.columns if c != secret]
    inference = InferenceEvaluator(ori=train, syn=synthetic, control=control, aux_cols=aux, secret=secret,
                                   n_attacks=2000).evaluate(n_jobs=n_jobs)
    risk = inference.risk()
    row["inference"] = {"value": float(risk.value), "ci95": [float(v) for v in risk.ci],
                        "seconds": time.perf_counter() - start}
    out[case] = row
print(json.dumps(out))
"""


def ensure_venv(venv: Path) -> Path:
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run(["python3.11", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", ANONYMETER], check=True)
    return python


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", type=Path, default=Path("/tmp/anonymeter-venv"))
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    args = parser.parse_args()
    from synth.metrics.privacy.neighbours import find_neighbours
    from synth.metrics.privacy.risks import inference_from, linkability_from
    from tests.support import privacy_cases as cases

    train, holdout, fresh = cases.real_tables(args.datasets, 20_000, 5_000, 23_000)
    tables = {
        "shuffled copy": cases.shuffled_copy(train),
        "30% leaky": cases.leaky(train, fresh.iloc[:14_000]),
        "fresh real sample": fresh.iloc[:20_000],
    }
    ours, halves, members = {}, None, {}
    for name, synthetic in tables.items():
        start = time.perf_counter()
        found = find_neighbours(train, synthetic, holdout, cases.TYPES, secret=cases.LABEL, queries=2_000)
        ours[name] = {"linkability": linkability_from(found), "inference": inference_from(found)}
        ours[name]["seconds"] = time.perf_counter() - start
        halves, members[name] = found.halves, found.members
    python = ensure_venv(args.venv)
    with tempfile.TemporaryDirectory() as folder:
        train.to_csv(f"{folder}/train.csv", index=False)
        holdout.to_csv(f"{folder}/holdout.csv", index=False)
        keys = {name: f"case{i}" for i, name in enumerate(tables)}
        for name, synthetic in tables.items():
            synthetic.to_csv(f"{folder}/{keys[name]}.csv", index=False)
            members[name].to_csv(f"{folder}/{keys[name]}_members.csv", index=False)
        completed = subprocess.run(
            [
                str(python),
                "-c",
                RUNNER,
                folder,
                cases.LABEL,
                json.dumps(halves),
                json.dumps(list(keys.values())),
                "2",
            ],
            capture_output=True,
            text=True,
        )
    if completed.returncode:
        sys.exit(completed.stderr)
    theirs = json.loads(completed.stdout.strip().splitlines()[-1])
    print("| table | risk | SynthReview | anonymeter 1.1.0 |")
    print("|---|---|---|---|")
    for name in tables:
        for risk in ("linkability", "inference"):
            a, b = ours[name][risk], theirs[keys[name]][risk]
            print(
                f"| {name} | {risk} | {a['risk_unclipped']:.3f} [{a['ci95'][0]:.3f}, {a['ci95'][1]:.3f}] "
                f"| {b['value']:.3f} [{b['ci95'][0]:.3f}, {b['ci95'][1]:.3f}] |"
            )
    for name in tables:
        print(
            f"{name}: linkability attack rate on the same {len(members[name]):,} targets: SynthReview "
            f"{ours[name]['linkability']['attack_rate']:.4f}, anonymeter's neighbour search "
            f"{theirs[keys[name]]['same_targets_attack_rate']:.4f}"
        )
    for name in tables:
        spent = sum(theirs[keys[name]][r]["seconds"] for r in ("linkability", "inference"))
        print(
            f"{name}: SynthReview {ours[name]['seconds']:.1f} s (every search of the evidence), "
            f"anonymeter {spent:.1f} s (linkability + inference)"
        )


if __name__ == "__main__":
    main()
