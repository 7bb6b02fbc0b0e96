"""Background job: the Collapse Lab's table mode (refitting a real table round after round)."""

from __future__ import annotations

from reviews import queries
from reviews.store import Store
from reviews.worker import Progress, handler
from synth.collapse import simulate_table
from synth.i18n import Msg

KIND = "collapse_table"


@handler(KIND)
def run_collapse_table(store: Store, job: dict, progress: Progress) -> dict:
    params = job["params"]
    frame = queries.load_frame(store, params["dataset_id"]).drop(columns=["synthetic_outlier"], errors="ignore")
    result = simulate_table(frame, samples=params["samples"], generations=params["generations"], runs=params["runs"],
                            mode=params["mode"], seed=params.get("seed", 0), generator=params["generator"],
                            progress=progress)
    return result.to_dict()


TABLE_GENERATORS = ("rules", "gaussian_copula", "bootstrap")


def start_table_collapse(store: Store, actor, dataset_id: int, *, samples: int, generations: int, runs: int,
                         mode: str, generator: str, seed: int = 0) -> int:
    """Queue the table-mode simulation; returns the job id."""
    from synth.errors import InputError

    if generator not in TABLE_GENERATORS:
        raise InputError(Msg("Choose one of {generators} for the table mode; deep models are too slow here.",
                             generators=", ".join(TABLE_GENERATORS)))
    params = {"dataset_id": int(dataset_id), "samples": int(samples), "generations": int(generations),
              "runs": int(runs), "mode": mode, "generator": generator, "seed": int(seed)}
    return store.enqueue_job(actor, KIND, params, "simulate")
