"""Start curated generation from a review round: K x n candidates, n kept by the round's preference model.

Checked at once so the steward sees a refusal on the page: the round must have a fitted model,
its dataset must be synthetic with its real training rows recorded, and K, beta, the mode and
the number of rows must be usable. The work runs as a background job (``CURATE``).
"""

from __future__ import annotations

from reviews import queries
from reviews.errors import ReviewsError
from reviews.jobs.kinds import CURATE, job_kind
from reviews.queries import rounds as round_queries
from reviews.store import Store
from reviews.workspace.permissions import Actor, require
from synth.curation.choose import validate_choice
from synth.i18n import N_, Msg

#: Most candidate rows (K x n) one curation may draw.
MAX_CANDIDATES = 200_000


def start_curation(
    store: Store, actor: Actor, round_id: int, *, rows: int, k: int, beta: float, mode: str, seed: int = 0
) -> int:
    """Queue a curated generation from ``round_id``; returns the job id."""
    require(actor, job_kind(CURATE).permission)
    record = round_queries.get_round(store, round_id)
    dataset = queries.get_dataset(store, record.dataset_id)
    if round_queries.latest_model(store, round_id) is None:
        raise ReviewsError(N_("This round has no fitted preference model yet; finish its first batch first."))
    if (
        dataset.kind != "synthetic"
        or dataset.train_id is None
        or not (dataset.lineage or {}).get("generator")
    ):
        raise ReviewsError(
            N_("Curated generation needs a synthetic dataset made here, with its training rows recorded.")
        )
    if not isinstance(rows, int) or rows < 1 or rows * k > MAX_CANDIDATES:
        raise ReviewsError(
            Msg(
                "Keep at least 1 row, and at most {limit:,} candidates in all (rows x K); got {rows} x {k}.",
                limit=MAX_CANDIDATES,
                rows=rows,
                k=k,
            )
        )
    validate_choice(rows * k, k, beta, mode)
    params = {"round_id": int(round_id), "rows": int(rows), "k": int(k), "beta": float(beta), "mode": mode}
    return store.enqueue_job(actor, CURATE, {**params, "seed": int(seed)})
