"""Audit visibility by role: a reviewer reads other reviewers' answers as who, what and when
only, on the page's table and in its CSV; everyone else reads everything; the chain still
verifies every event."""

from __future__ import annotations

import io
import json

import pandas as pd

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.audit.log import audit_csv, audit_table
from reviews.ranking import rounds
from tests.reviews.conftest import answer_batch
from tests.support.signoff_flow import ADMIN, OFFICER, R1, R2, STEWARD, make_users


def _round_with_answers(store):
    from reviews.jobs.worker import run_one
    from reviews.services.generation import GenerationRequest, start_generation
    from reviews.services.intake import import_demo

    make_users(store)
    real_id = import_demo(store, STEWARD)
    start_generation(
        store, STEWARD, GenerationRequest(real_id, "rules", [{"purpose": "privacy"}], 60, seed=1)
    )
    run_one(store)
    synthetic_id = max(d.id for d in queries.list_datasets(store))
    round_id = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=3, overlap=2))
    frame = queries.load_frame(store, synthetic_id)
    answer_batch(store, round_id, R1, frame, limit=2)
    answer_batch(store, round_id, R2, frame, flag_first=True, limit=2)
    return round_id


def test_a_reviewer_reads_only_their_own_answers(store):
    _round_with_answers(store)
    full = queries.audit_frame(store, "review.")
    theirs = full[full["actor"] == R2.username]
    assert len(theirs) >= 2 and all("ranking" in p for p in theirs["payload"])

    seen = audit_table(store, R1, "review.", actor_filter="reviewer2")
    assert len(seen) == len(theirs)  # the events are there: who, what, when
    assert list(seen["seq"]) == list(theirs["seq"]) and set(seen["action"]) == set(theirs["action"])
    assert set(seen["payload"]) == {""} and set(seen["hash"]) == {""}
    csv = audit_csv(audit_table(store, R1)).decode()
    for payload in theirs["payload"]:
        assert payload not in csv
    rows = pd.read_csv(io.StringIO(csv), keep_default_na=False)
    others = rows[rows["action"].str.startswith("review.") & (rows["actor"] != R1.username)]
    assert len(others) == len(theirs) and set(others["payload"]) == {""}

    own = audit_table(store, R1, "review.", actor_filter="reviewer")
    own = own[own["actor"] == R1.username]
    assert len(own) >= 2 and all(json.loads(p)["answer"]["ranking"] for p in own["payload"])


def test_stewards_officers_and_admins_read_everything_and_the_chain_still_verifies(store):
    _round_with_answers(store)
    full = queries.audit_frame(store)
    for viewer in (STEWARD, OFFICER, ADMIN):
        table = audit_table(store, viewer)
        assert list(table["payload"]) == list(full["payload"][: len(table)])
    assert '""reason"":""impossible_value""' in audit_csv(audit_table(store, OFFICER)).decode()
    assert verify_chain(store.engine).ok
