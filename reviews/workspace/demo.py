"""The demo workspace (``SYNTHREVIEW_DEMO=1``): one user per role, the demo dataset, one
synthetic dataset already generated, evaluated and partly reviewed, and one dataset already
approved by the officer (``demo_approved``), so every page has something to show within a minute.

The passwords are public (they are in the README), so this never runs without the flag; they
are shorter than the password policy allows, so seeding alone skips the policy.
"""

from __future__ import annotations

import contextlib

import numpy as np

from reviews import queries
from reviews.errors import Conflict, ReviewsError
from reviews.queries.jobs import get_job
from reviews.store import Store
from reviews.workspace.config import load_settings
from reviews.workspace.permissions import SYSTEM, Actor, require
from synth.i18n import N_, Msg, from_data

DEMO_USERS = (
    ("admin", "admin", "admin-demo"),
    ("steward", "steward", "steward-demo"),
    ("reviewer", "reviewer", "reviewer-demo"),
    ("reviewer2", "reviewer", "reviewer2-demo"),
    ("officer", "officer", "officer-demo"),
)
# The published passwords above, hashed once by ``passwords.hash_password`` (argon2id with the
# parameters in force): hashing is slow by design, and these passwords protect nothing secret.
# A test checks each hash against its password and the hasher's parameters.
_PARAMETERS = "$argon2id$v=19$m=65536,t=3,p=4$"
DEMO_HASHES = {
    "admin": _PARAMETERS + "ke8hL2W+VYoKbQtWQCOeLw$5TrJ8jdHfFlzYAps2L8lQ0nelNL3a+LAHf6wjl4L5b0",
    "steward": _PARAMETERS + "lBoxPe3n/sotmisqEsgy2A$7IlhPa5PFip+zf6bJlWyxFXhzJX46rmZ5K5m6syIP3U",
    "reviewer": _PARAMETERS + "uAO7KTnB4UUYEiiMNNymfg$1qhqt6oNtlwnMLf14a4735fV8sB31dHXumDQI+RKyGI",
    "reviewer2": _PARAMETERS + "AD3WdPcG1eu4CeRTPCooWg$GuX5W1QHNmHPaE5/rDDaITqmsrawSncLhFJoJwIDEZs",
    "officer": _PARAMETERS + "hSYdONk0vLE7B1dxVJ2qeg$sJX0yvuoeFiymdKTL9G4JQMWOAOR0OpRTxRsHo2r9lo",
}
STEWARD = Actor("steward", "steward")
SEEDED_ANSWERS = 6  # tasks the demo reviewer has already answered: the round is visibly under way


def seed_demo(store: Store, *, shipped_evaluations: bool = True) -> None:
    """Create the demo users and data once; safe to call on every start.

    The demo's evaluations come from the results shipped with the package when they were
    computed from the same rows (see ``demo_evaluations``); ``shipped_evaluations=False``
    computes them all now.
    """
    created = set()
    # Existing accounts are skipped before hashing: each hash takes most of a second by design.
    existing = set(queries.list_users(store)["username"])
    for username, role, password in DEMO_USERS:
        if username in existing:
            continue
        with contextlib.suppress(Conflict):  # made by another process starting at the same moment
            store.create_user(
                SYSTEM, username, password, role, enforce_policy=False, known_hash=DEMO_HASHES[username]
            )
            created.add(username)
    if not any((d.labels or {}).get("demo") for d in queries.list_datasets(store)):
        # Here, not at the top: the app checks the demo on start, and seeding it needs the whole
        # generation and ranking stack, which an already seeded workspace should not import.
        from reviews.services.intake import import_demo
        from reviews.workspace.demo_approved import seed_approved
        from reviews.workspace.demo_evaluations import demo_handlers

        handlers = demo_handlers(shipped_evaluations)
        demo_id = import_demo(store, STEWARD)
        _seed_synthetic(store, demo_id, handlers)
        # The approval is signed with the officer's demo password, so it is seeded only with the
        # demo officer made here: an officer account that existed before has its own password.
        if "officer" in created:
            seed_approved(store, demo_id, dict((u, p) for u, _, p in DEMO_USERS)["officer"], handlers)


def _seed_synthetic(store: Store, demo_id: int, handlers: dict) -> None:
    from reviews.jobs.worker import run_one
    from reviews.ranking import rounds
    from reviews.services.evaluation import start_evaluation
    from reviews.services.generation import GenerationRequest, start_generation

    job_id = start_generation(
        store,
        STEWARD,
        GenerationRequest(demo_id, "rules", [{"purpose": "privacy"}], rows=1000, seed=0, label="released"),
    )
    run_one(store)
    job = get_job(store, job_id)
    if job["status"] != "done":
        data = job.get("message_data")
        raise ReviewsError(
            Msg(
                "The demo data could not be generated: {message}",
                message=from_data(data) if isinstance(data, dict) else job["message"],
            )
        )
    synthetic_id = job["result"]["dataset_ids"][0]
    start_evaluation(store, STEWARD, synthetic_id, protected=["colour", "sex"], label="released")
    run_one(store, handlers=handlers)
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=10, overlap=2))
    _answer_some(store, round_id, Actor("reviewer", "reviewer"))


def _answer_some(store: Store, round_id: int, reviewer: Actor) -> None:
    from reviews.ranking import rounds

    # The demo reviewer prefers rows whose values look usual in the real data (fewer badges).
    for _ in range(SEEDED_ANSWERS):
        view = rounds.next_task(store, reviewer, round_id)
        if view is None:
            return
        badges = np.array([report.badge_count for report in view.context])
        ranking = [view.rows[i] for i in np.argsort(badges, kind="stable")]
        rounds.submit(store, reviewer, round_id, view.task_id, ranking=ranking)


def reset_demo(store: Store, actor: Actor) -> None:
    """Wipe the demo workspace and seed it afresh (admins, demo workspaces only)."""
    require(actor, "reset_demo")
    if not load_settings().demo:
        raise ReviewsError(
            N_("Only a demo workspace (SYNTHREVIEW_DEMO=1) can be reset; this one holds real work.")
        )
    store.wipe_workspace(actor)  # audited, and the new chain starts from the old one's head
    seed_demo(store)
