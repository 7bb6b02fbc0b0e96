"""Time and peak memory of refusing the security review's hostile files (run by hand).

Each file is read by ``read_table`` in a fresh child process; the child reports its wall time,
its peak resident memory (``ru_maxrss``) and how the read ended.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.hostile_files import probe_files  # noqa: E402

CHILD = """
import json, resource, sys, time
from synth.intake import read_table
from synth.errors import InputError
start = time.perf_counter()
try:
    read_table(sys.argv[1], max_bytes=200 * 1024 * 1024)
    outcome = "accepted"
except InputError as exc:
    outcome = "refused: " + str(exc)[:90]
print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("| file | size | seconds | peak MB | outcome |\n|---|---|---|---|---|")
        for name, path in probe_files(Path(tmp)).items():
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            size = f"{path.stat().st_size / 1024:.0f} KB"
            figures = f"{result['seconds']:.2f} | {result['peak_mb']:.0f}"
            print(f"| {name} | {size} | {figures} | {result['outcome']} |")


if __name__ == "__main__":
    main()
