"""The workspace's limit on rounds of synthetic-on-synthetic generation (norm 5)."""

from __future__ import annotations

from reviews import queries
from reviews.errors import ReviewsError
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_

SETTING = "max_depth"


def current_depth_limit(store: Store) -> int:
    return int(queries.get_setting(store, SETTING))


def set_depth_limit(store: Store, actor: Actor, depth: int) -> None:
    """Set the maximum generation depth (admins); real data is depth 0."""
    if int(depth) < 1:
        raise ReviewsError(
            N_("The depth limit must be at least 1, or no synthetic data could be generated at all.")
        )
    store.set_setting(actor, SETTING, int(depth))
