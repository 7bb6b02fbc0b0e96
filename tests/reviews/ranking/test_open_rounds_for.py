"""The Review page's round list, read in one query, is the one the per-round counts give."""

from __future__ import annotations

from reviews.queries import rounds as round_queries
from reviews.ranking import rounds
from tests.reviews.conftest import R1, R2, STEWARD


def _by_counting(store, reviewer: str) -> list[int]:
    return [
        r.id
        for r in round_queries.list_rounds(store)
        if r.status == "open" and round_queries.reviewer_progress(store, r.id, reviewer)[1] > 0
    ]


def test_open_rounds_for_a_reviewer_match_the_per_round_counts(store, synthetic_id):
    first = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=4, overlap=2))
    second = rounds.open_round(store, STEWARD, synthetic_id, rounds.RoundConfig(batch_size=5, overlap=1))
    for reviewer in (R1.username, R2.username, "nobody"):
        found = [r.id for r in round_queries.open_rounds_for(store, reviewer)]
        assert found == _by_counting(store, reviewer)
    assert [r.id for r in round_queries.open_rounds_for(store, R1.username)][:1] == [first]
    assert second in {r.id for r in round_queries.open_rounds_for(store, R1.username)} | {
        r.id for r in round_queries.open_rounds_for(store, R2.username)
    }
