"""The demo's finished story: one dataset generated, reviewed by two people, accepted,
inspected (passed), evaluated, documented by the steward and approved by the officer, so that
Export and ``verify-bundle`` can be shown at once.

Kept small (the rules generator, a few hundred rows) because it runs on every demo start.
"""

from __future__ import annotations

import numpy as np

from reviews import queries
from reviews.acceptance.apply import acceptance_inputs, apply_acceptance
from reviews.acceptance.inspection import judge, rows_to_judge, start_inspection
from reviews.jobs.worker import run_one
from reviews.queries.jobs import get_job
from reviews.ranking import rounds
from reviews.signoff import APPROVE, save_documentation, sign
from reviews.signoff.documentation import documentation_for
from reviews.signoff.summary import signoff_view
from reviews.store import Store
from reviews.workspace.permissions import Actor

STEWARD = Actor("steward", "steward")
OFFICER = Actor("officer", "officer")
REVIEWERS = (Actor("reviewer", "reviewer"), Actor("reviewer2", "reviewer"))
ROWS = 300
INSPECTED = 100  # at least 93 rows are needed for an all-pass sample to reach the 96% bound
APPROVED_LABEL = "approved"


def seed_approved(store: Store, demo_id: int, officer_password: str, handlers: dict | None = None) -> int:
    """Run the whole flow on a small dataset; returns the approved dataset's id.

    ``handlers`` replaces job runners as ``run_one`` does (the demo's shipped evaluations).
    """
    from reviews.services.generation import GenerationRequest, start_generation

    job_id = start_generation(
        store, STEWARD, GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], ROWS, seed=7)
    )
    run_one(store)
    synthetic_id = get_job(store, job_id)["result"]["dataset_ids"][0]
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=4, overlap=2))
    for reviewer in REVIEWERS:
        while (view := rounds.next_task(store, reviewer, round_id)) is not None:
            badges = np.array([report.badge_count for report in view.context])
            rounds.submit(
                store, reviewer, round_id, view.task_id, ranking=[view.rows[i] for i in np.argsort(badges)]
            )
    # The threshold a steward picks on Review rounds by moving the slider to its lowest setting, the
    # lowest modelled score: every row the reviewers did not flag (none, here) is accepted.
    threshold = float(acceptance_inputs(store, round_id).scores.min())
    accepted_id = apply_acceptance(store, STEWARD, round_id, threshold)
    inspection_id = start_inspection(store, STEWARD, accepted_id, size=INSPECTED, seed=1)
    sample = rows_to_judge(store, REVIEWERS[0], inspection_id, limit=INSPECTED)
    judge(store, REVIEWERS[0], inspection_id, {int(i): True for i in sample.index})
    run_one(store, handlers=handlers)  # the evaluation that accepting queued
    suggested = {f.spec.key: f.suggestion for f in documentation_for(store, accepted_id).fields}
    save_documentation(store, STEWARD, accepted_id, suggested)
    view = signoff_view(store, OFFICER, accepted_id)
    override = (
        "Demo: the blocking items were reviewed; approved for evaluation and testing only."
        if view.blocking_message
        else None
    )
    sign(store, OFFICER, accepted_id, officer_password, APPROVE, "Demo approval.", override)
    return accepted_id


def approved_dataset_ids(store: Store) -> list[int]:
    """Ids of the datasets whose latest sign-off is an approval."""
    from reviews.signoff import signoff_for

    return [d.id for d in queries.list_datasets(store) if (s := signoff_for(store, d.id)) and s.approved]
