"""Fixtures for review tests: a workspace with reviewers and a small synthetic dataset."""

from __future__ import annotations

import numpy as np
import pytest

from reviews.ranking import rounds
from reviews.store import Flag, NewDataset
from reviews.workspace.permissions import SYSTEM, Actor
from synth.demo import load_demo

STEWARD = Actor("steward", "steward")
R1, R2 = Actor("reviewer", "reviewer"), Actor("reviewer2", "reviewer")


@pytest.fixture
def synthetic_id(store):
    store.create_user(SYSTEM, "admin", "admin-pass-phrase1", "admin")
    for name, role in (("steward", "steward"), ("reviewer", "reviewer"), ("reviewer2", "reviewer")):
        store.create_user(SYSTEM, name, f"{name}-pass-phrase", role)
    real = load_demo().head(400)
    real_id = store.add_dataset(STEWARD, NewDataset("real", real))
    synthetic = real.sample(120, random_state=1).reset_index(drop=True)
    synthetic.loc[:9, "age"] = 130  # ten rows that no reviewer should find plausible
    return store.add_dataset(
        STEWARD,
        NewDataset(
            "syn",
            synthetic,
            kind="synthetic",
            parent_id=real_id,
            train_id=real_id,
            depth=1,
            purpose="privacy",
        ),
    )


def answer_batch(store, round_id, reviewer, frame, flag_first=False, limit=10):
    """Answer up to ``limit`` tasks, preferring younger ages (a known, simple criterion)."""
    answered = 0
    while answered < limit and (view := rounds.next_task(store, reviewer, round_id)) is not None:
        ages = frame.loc[view.rows, "age"].to_numpy()
        ranking = [view.rows[i] for i in np.argsort(ages, kind="stable")]
        flags = (
            [Flag(ranking[-1], "impossible_value", "age over 120")] if flag_first and answered == 0 else []
        )
        rounds.submit(store, reviewer, round_id, view.task_id, ranking=ranking, flags=flags)
        answered += 1
    return answered
