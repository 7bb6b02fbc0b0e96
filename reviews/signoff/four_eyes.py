"""The four-eyes rule: nobody who made or reviewed a dataset signs it off.

Made: whoever generated it (for accepted rows also whoever generated their parent and whoever
applied acceptance). Reviewed: anyone who answered a review round on it or its parent, or gave
a verdict in a sampling inspection of it. Roles change over time, so this looks at what people
did, not at the role they hold now.
"""

from __future__ import annotations

from reviews import queries
from reviews.errors import PermissionDenied
from reviews.queries import acceptance as acceptance_queries
from reviews.queries import inspections as inspection_queries
from reviews.queries import rounds as round_queries
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import Msg, joined

AND = Msg(" and ")  # joins what one person did; a word, so it is translated too


def involvement(store: Store, dataset_id: int) -> dict[str, list[str]]:
    """Username -> what that person did to make or review the dataset."""
    dataset = queries.get_dataset(store, dataset_id)
    roles: dict[str, list[str]] = {}

    def add(username: str, what: str) -> None:
        if what not in roles.setdefault(username, []):
            roles[username].append(what)

    reviewed_ids = [dataset.id]
    if dataset.kind == "accepted" and dataset.parent_id is not None:
        parent = queries.get_dataset(store, dataset.parent_id)
        add(parent.created_by, Msg("generated its parent dataset:{dataset_id}", dataset_id=parent.id))
        reviewed_ids.append(parent.id)
        add(
            dataset.created_by,
            Msg("applied acceptance that made dataset:{dataset_id}", dataset_id=dataset.id),
        )
    else:
        add(dataset.created_by, Msg("generated dataset:{dataset_id}", dataset_id=dataset.id))
    for row in acceptance_queries.deciders(store, dataset.id):
        add(row.decided_by, Msg("applied acceptance in round:{round_id}", round_id=row.round_id))
    for row in round_queries.round_reviewers(store, reviewed_ids):
        add(row.reviewer, Msg("answered review round:{round_id}", round_id=row.round_id))
    for row in inspection_queries.inspection_judges(store, dataset.id):
        add(row.reviewer, Msg("judged rows in inspection:{inspection_id}", inspection_id=row.inspection_id))
    return roles


def four_eyes_problem(store: Store, actor: Actor, dataset_id: int) -> str | None:
    """Why ``actor`` may not sign this dataset off, or None when the rule allows it."""
    done = involvement(store, dataset_id).get(actor.username)
    if not done:
        return None
    return Msg(
        "Four-eyes rule: {user} {done}, so may not sign dataset:{dataset_id} off. "
        "Ask an officer who took no part in making or reviewing it.",
        user=actor.username,
        done=joined(done, AND),
        dataset_id=dataset_id,
    )


def check_four_eyes(store: Store, actor: Actor, dataset_id: int) -> None:
    """Raise ``PermissionDenied`` when the four-eyes rule forbids ``actor`` to sign."""
    problem = four_eyes_problem(store, actor, dataset_id)
    if problem:
        raise PermissionDenied(problem)
