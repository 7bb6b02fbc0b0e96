"""The leaderboard reads every dataset's newest evaluation in one query, and keeps sources apart."""

from __future__ import annotations

from sqlalchemy import event

from reviews.queries.evaluations import latest_evaluation, latest_evaluations
from reviews.queries.leaderboard import leaderboard
from reviews.store import NewDataset
from reviews.workspace.permissions import Actor
from synth.demo import load_demo

STEWARD = Actor("steward", "steward")


def _source_with_train(store, name: str, rows) -> int:
    """A real table and its training part: generated datasets name the part, whose parent is the source."""
    source = store.add_dataset(STEWARD, NewDataset(name, rows))
    return store.add_dataset(STEWARD, NewDataset(f"{name} train", rows.head(150), parent_id=source))


def _synthetic(store, train_id: int, name: str) -> int:
    rows = load_demo().head(200).sample(100, random_state=len(name)).reset_index(drop=True)
    return store.add_dataset(
        STEWARD,
        NewDataset(
            name, rows, kind="synthetic", parent_id=train_id, train_id=train_id, depth=1, purpose="privacy"
        ),
    )


def _evaluate(store, dataset_id: int, overall: float) -> int:
    return store.record_evaluation(STEWARD, dataset_id, {}, {"fidelity": {"overall": overall}})


def test_newest_evaluation_of_each_dataset_in_one_query(store):
    real = _source_with_train(store, "real", load_demo().head(200))
    other_real = _source_with_train(store, "other real", load_demo().tail(200))
    first, second, unevaluated = (_synthetic(store, real, n) for n in ("first", "second", "third"))
    elsewhere = _synthetic(store, other_real, "elsewhere")
    _evaluate(store, first, 0.5)
    _evaluate(store, second, 0.6)
    _evaluate(store, first, 0.7)  # the newer one counts
    _evaluate(store, elsewhere, 0.9)

    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    newest = latest_evaluations(store, [first, second, unevaluated, elsewhere])
    assert len([s for s in statements if s.startswith("SELECT")]) == 1
    assert newest == {d: latest_evaluation(store, d) for d in (first, second, elsewhere)}
    assert latest_evaluations(store, []) == {}

    board = leaderboard(store, second)
    assert list(board["dataset"]) == [f"#{first} first", f"#{second} second"]
    assert list(board["fidelity"]) == [0.7, 0.6]
    assert list(leaderboard(store, elsewhere)["dataset"]) == [f"#{elsewhere} elsewhere"]
