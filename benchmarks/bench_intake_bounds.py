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

from tests.synth.intake.hostile_files import cells_bomb_workbook, shared_strings_workbook  # noqa: E402

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


def _files(folder: Path) -> dict[str, Path]:
    wide = folder / "wide.csv"
    header = ",".join(f"c{i}" for i in range(10_000))
    wide.write_text(header + "\n" + "\n".join([",".join("1" for _ in range(10_000))] * 500) + "\n")
    big_cell = folder / "cell.csv"
    big_cell.write_text("id,note\n1,a\n2," + "x" * (50 * 1024 * 1024) + "\n")
    return {
        "xlsx shared-strings bomb (200 MB string x 20 cells)": shared_strings_workbook(
            folder / "bomb.xlsx", 200 * 1024 * 1024, 20
        ),
        "xlsx cells bomb (1M rows x 20 cells, about 300 MB unpacked)": cells_bomb_workbook(
            folder / "cells.xlsx", 1_000_000
        ),
        "csv with 10,000 columns x 500 rows": wide,
        "csv with a 50 MB cell": big_cell,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("| file | size | seconds | peak MB | outcome |\n|---|---|---|---|---|")
        for name, path in _files(Path(tmp)).items():
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            size = f"{path.stat().st_size / 1024:.0f} KB"
            figures = f"{result['seconds']:.2f} | {result['peak_mb']:.0f}"
            print(f"| {name} | {size} | {figures} | {result['outcome']} |")


if __name__ == "__main__":
    main()
