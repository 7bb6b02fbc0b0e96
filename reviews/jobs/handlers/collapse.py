"""Background job: the Collapse Lab's table mode (refitting a real table round after round)."""

from __future__ import annotations

from reviews import queries
from reviews.jobs.worker import Progress
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.lineage.collapse import simulate_table
from synth.lineage.collapse.table_curated import SimulatedReviewer, simulate_curated_table


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


def run_collapse_curated(store: Store, job: dict, actor: Actor, progress: Progress) -> dict:
    """Table mode with a simulated reviewer: replace, curated, and curated with real data kept."""
    params = job["params"]
    frame = queries.load_frame(store, params["dataset_id"]).drop(
        columns=["synthetic_outlier"], errors="ignore"
    )
    result = simulate_curated_table(
        frame,
        SimulatedReviewer(**params["reviewer"]),
        samples=params["samples"],
        generations=params["generations"],
        runs=params["runs"],
        k=params["k"],
        real_share=params["real_share"],
        generator=params["generator"],
        seed=params.get("seed", 0),
        progress=progress,
    )
    return result.to_dict()
