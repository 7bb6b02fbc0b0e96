"""Background job: the Collapse Lab's table mode (refitting a real table round after round)."""

from __future__ import annotations

from reviews import queries
from reviews.jobs.worker import Progress
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.lineage.collapse import simulate_table


def run_collapse_table(store: Store, job: dict, actor: Actor, progress: Progress) -> dict:
    params = job["params"]
    frame = queries.load_frame(store, params["dataset_id"]).drop(
        columns=["synthetic_outlier"], errors="ignore"
    )
    result = simulate_table(
        frame,
        samples=params["samples"],
        generations=params["generations"],
        runs=params["runs"],
        mode=params["mode"],
        seed=params.get("seed", 0),
        generator=params["generator"],
        progress=progress,
    )
    return result.to_dict()
