"""A workspace with one open sampling inspection, for the keyboard inspection browser test.

The review workspace of ``tests/e2e/review_workspace.py`` (german credit's 22 columns when the
shared datasets are beside the checkout, else the demo table); its small pairwise round is
answered through the core, every row is accepted, and an inspection of ``--sample`` rows opened.
No generation runs.

    python -m tests.e2e.inspect_workspace HOME [--sample 25]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reviews.acceptance.apply import apply_acceptance
from reviews.acceptance.inspection import start_inspection
from reviews.ranking import rounds
from reviews.store import open_store
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import Actor
from tests.e2e.review_workspace import STEWARD, USERS, seed


def seed_inspection(home: Path, sample: int = 25) -> int:
    """Create the workspace under ``home``; returns the open inspection's id."""
    round_id = seed(home, pairwise=3, listwise=1)["pairwise"]
    store = open_store(load_settings())
    for name in (n for n, role in USERS.items() if role == "reviewer"):
        actor = Actor(name, "reviewer")
        while (view := rounds.next_task(store, actor, round_id)) is not None:
            rounds.submit(store, actor, round_id, view.task_id, ranking=view.rows)
    accepted_id = apply_acceptance(store, STEWARD, round_id, threshold=-1e9)  # every row
    return start_inspection(store, STEWARD, accepted_id, size=sample, min_lower=0.5, seed=5)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("home", type=Path)
    parser.add_argument("--sample", type=int, default=25)
    args = parser.parse_args()
    print(seed_inspection(args.home, args.sample))
