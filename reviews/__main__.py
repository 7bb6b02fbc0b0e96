"""Command line: ``python -m reviews {users,audit,rank-fit,export,verify-bundle}``.

Honours ``SYNTHREVIEW_HOME`` and ``SYNTHREVIEW_DATABASE_URL``. A user error is one line on
stderr and exit code 2.
"""

from __future__ import annotations

import sys

from synth.cli import run_cli

COMMANDS = ("users", "audit", "rank-fit", "export", "verify-bundle")


if __name__ == "__main__":
    sys.exit(run_cli("reviews", COMMANDS, package="reviews.commands"))
