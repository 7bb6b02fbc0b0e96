"""Start the Collapse Lab's table mode (refitting a real table round after round) as a job."""

from __future__ import annotations

from reviews.jobs.kinds import COLLAPSE_CURATED, COLLAPSE_TABLE, job_kind
from reviews.store import Store
from reviews.workspace.permissions import Actor, require
from synth.errors import InputError
from synth.i18n import Msg

TABLE_GENERATORS = ("rules", "gaussian_copula", "bootstrap")


def _check_generator(generator: str) -> None:
    if generator not in TABLE_GENERATORS:
        raise InputError(
            Msg(
                "Choose one of {generators} for the table mode; deep models are too slow here.",
                generators=", ".join(TABLE_GENERATORS),
            )
        )


def start_table_collapse(
    store: Store,
    actor: Actor,
    dataset_id: int,
    *,
    samples: int,
    generations: int,
    runs: int,
    mode: str,
    generator: str,
    seed: int = 0,
) -> int:
    """Queue the table-mode simulation; returns the job id."""
    require(actor, job_kind(COLLAPSE_TABLE).permission)
    _check_generator(generator)
    params = {
        "dataset_id": int(dataset_id),
        "samples": int(samples),
        "generations": int(generations),
        "runs": int(runs),
        "mode": mode,
        "generator": generator,
        "seed": int(seed),
    }
    return store.enqueue_job(actor, COLLAPSE_TABLE, params)


def start_curated_collapse(
    store: Store,
    actor: Actor,
    dataset_id: int,
    *,
    reviewer: dict,
    samples: int,
    generations: int,
    runs: int,
    k: int,
    real_share: float,
    generator: str,
    seed: int = 0,
) -> int:
    """Queue the table mode with a simulated reviewer (three arms); returns the job id."""
    require(actor, job_kind(COLLAPSE_CURATED).permission)
    _check_generator(generator)
    params = {
        "dataset_id": int(dataset_id),
        "reviewer": dict(reviewer),
        "samples": int(samples),
        "generations": int(generations),
        "runs": int(runs),
        "k": int(k),
        "real_share": float(real_share),
        "generator": generator,
        "seed": int(seed),
    }
    return store.enqueue_job(actor, COLLAPSE_CURATED, params)
