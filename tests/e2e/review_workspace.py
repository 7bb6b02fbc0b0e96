"""A small review workspace for the keyboard browser test and the next-task benchmark.

A real table, a synthetic one made from it with a few impossible values, and two rounds: a
pairwise one and a listwise one of five rows. Two reviewers share them (each task has one), so
the driven reviewer also meets the wait for a colleague. No generation runs: seeding takes a
second, and the server starts on a finished workspace.

    python -m tests.e2e.review_workspace HOME [--pairwise 100] [--listwise 10]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas as pd

from reviews.ranking import rounds
from reviews.store import NewDataset, open_store
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import SYSTEM, Actor

ROOT = Path(__file__).resolve().parents[2]
GERMAN_CREDIT = ROOT.parent / "shared" / "datasets" / "german_credit_decoded.csv"
STEWARD = Actor("steward", "steward")
PASSWORD = "keyboard-review-phrase"
USERS = {"admin": "admin", "steward": "steward", "reviewer": "reviewer", "reviewer2": "reviewer"}


def real_table() -> tuple[str, pd.DataFrame]:
    """German credit (22 columns) when the shared datasets are beside the checkout, else the demo."""
    path = Path(os.environ.get("SYNTHREVIEW_GERMAN_CREDIT", GERMAN_CREDIT))
    if path.is_file():
        return "german credit", pd.read_csv(path)
    from synth.demo import load_demo

    return "arrests", load_demo()


def served_env(home: Path) -> dict[str, str]:
    """The environment the app is served with on the workspace under ``home`` (no job worker)."""
    env = {**os.environ, "SYNTHREVIEW_HOME": str(home), "PYTHONUNBUFFERED": "1", "SYNTHREVIEW_WORKER": "off"}
    for name in ("SYNTHREVIEW_DATABASE_URL", "SYNTHREVIEW_DEMO"):
        env.pop(name, None)
    return env


def seed(home: Path, pairwise: int = 100, listwise: int = 10) -> dict[str, int]:
    """Create the workspace under ``home``; returns the ids of the two rounds."""
    os.environ["SYNTHREVIEW_HOME"] = str(home)
    os.environ.pop("SYNTHREVIEW_DEMO", None)
    store = open_store(load_settings())
    for name, role in USERS.items():
        store.create_user(SYSTEM, name, PASSWORD, role)
    name, real = real_table()
    real_id = store.add_dataset(STEWARD, NewDataset(name, real))
    synthetic = real.sample(min(len(real), 600), random_state=3).reset_index(drop=True)
    numeric = synthetic.select_dtypes("number").columns
    synthetic.loc[:19, numeric[0]] = synthetic[numeric[0]].max() * 10  # out of the real range
    synthetic_id = store.add_dataset(
        STEWARD,
        NewDataset(
            f"{name} synthetic",
            synthetic,
            kind="synthetic",
            parent_id=real_id,
            train_id=real_id,
            depth=1,
            purpose="privacy",
        ),
    )
    config = rounds.RoundConfig(overlap=1, gold_share=0.0)
    pairwise_id = rounds.open_round(
        store, STEWARD, synthetic_id, rounds.RoundConfig(**{**config.__dict__, "batch_size": pairwise})
    )
    listwise_id = rounds.open_round(
        store,
        STEWARD,
        synthetic_id,
        rounds.RoundConfig(**{**config.__dict__, "batch_size": listwise, "mode": "listwise", "k": 5}),
    )
    return {"pairwise": pairwise_id, "listwise": listwise_id}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("home", type=Path)
    parser.add_argument("--pairwise", type=int, default=100)
    parser.add_argument("--listwise", type=int, default=10)
    args = parser.parse_args()
    print(seed(args.home, args.pairwise, args.listwise))
