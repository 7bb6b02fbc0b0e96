"""Type check ``synth/`` and ``reviews/`` with mypy against a baseline count that may only shrink.

``make test`` runs this before pytest. The baseline (``checks/mypy-baseline.txt``) holds the
number of errors the tree had when the check was introduced; new code must not add to it. When
the count drops, lower the number in the file so the gain is kept.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "checks" / "mypy-baseline.txt"
ERROR = re.compile(r"^[^:]+:\d+: error: ")


def main() -> int:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "synth", "reviews", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stdout.splitlines() if ERROR.match(line)]
    if result.returncode not in (0, 1):  # 2: mypy itself could not run
        print(result.stdout + result.stderr, file=sys.stderr)
        return 2
    allowed = int(BASELINE.read_text().split()[0])
    if len(errors) > allowed:
        print("\n".join(errors))
        print(f"mypy: {len(errors)} errors, more than the baseline of {allowed}; fix the new ones above.")
        return 1
    if len(errors) < allowed:
        print(f"mypy: {len(errors)} errors, below the baseline of {allowed}; lower {BASELINE.name}.")
    else:
        print(f"mypy: {len(errors)} errors (baseline {allowed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
