"""``python -m reviews curate ROUND_ID``: a curated dataset from a review round's preference model.

The same work as *Curated generation* on the Rounds page: K x n candidates from the reviewed
dataset's generator (refitted on its training rows with the lineage's seed, so the depth does not
grow), n kept by Bradley–Terry choice on the round's newest model. Acts as the ``system`` actor.
The job is queued like the page's, then this process works through the queue until it is done
(as ``python -m reviews worker`` would), and prints the new dataset's id and what curation did.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from reviews.errors import ReviewsError
from synth.curation.modes import CURATION_MODES
from synth.i18n import Msg


def register(subparsers) -> None:
    """Add the ``curate`` subcommand."""
    parser = subparsers.add_parser(
        "curate",
        help="make a curated dataset from a review round's preference model",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("round_id", type=int, help="id of a review round whose first batch is answered")
    parser.add_argument("--rows", type=int, required=True, help="n, rows to keep")
    parser.add_argument("--k", type=int, default=4, help="K, candidates per kept row (default 4)")
    parser.add_argument("--beta", type=float, default=1.0, help="softmax strength on the utility (default 1)")
    parser.add_argument("--mode", choices=CURATION_MODES, default="softmax")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the job's result as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Queue the curation, run the queue until it is done, and report."""
    from reviews.jobs.worker import run_one
    from reviews.queries.jobs import get_job
    from reviews.services.curation import start_curation
    from reviews.store import open_store
    from reviews.workspace.permissions import SYSTEM

    store = open_store()
    job_id = start_curation(
        store, SYSTEM, args.round_id, rows=args.rows, k=args.k, beta=args.beta, mode=args.mode, seed=args.seed
    )
    while (job := get_job(store, job_id))["status"] in ("queued", "running"):
        if run_one(store) is None:
            time.sleep(0.5)  # another worker holds it
    if job["status"] != "done":
        raise ReviewsError(
            Msg(
                "curation job {id} {status}: {error}",
                id=job_id,
                status=job["status"],
                error=job.get("error") or job["message"],
            )
        )
    result = job["result"]
    if args.json:
        json.dump(result, sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
        return 0
    report, curation = result["report"], result["curation"]
    before, after = report["mean_utility_before"], report["mean_utility_after"]
    print(
        f"curated dataset #{result['dataset_id']}: kept {report['kept']} of {report['candidates']} "
        f"candidates from round {curation['round_id']} (model {curation['model_id']}, K = {curation['k']}, "
        f"{curation['mode']}, beta = {curation['beta']}); mean utility {before:.3f} -> "
        + ("-" if after is None else f"{after:.3f}")
    )
    for warning in report["warnings"]:
        print(f"warning: {warning}")
    return 0
