"""The demo workspace (``SYNTHREVIEW_DEMO=1``): one user per role and the demo dataset.

The passwords are public (they are in the README), so this never runs without the flag.
"""

from __future__ import annotations

from reviews import queries
from reviews.errors import Conflict
from reviews.imports import import_demo
from reviews.permissions import SYSTEM, Actor
from reviews.store import Store

DEMO_USERS = (
    ("admin", "admin", "admin-demo"),
    ("steward", "steward", "steward-demo"),
    ("reviewer", "reviewer", "reviewer-demo"),
    ("reviewer2", "reviewer", "reviewer2-demo"),
    ("officer", "officer", "officer-demo"),
)


def seed_demo(store: Store) -> None:
    """Create the demo users and load the demo dataset, once; safe to call on every start."""
    for username, role, password in DEMO_USERS:
        try:
            store.create_user(SYSTEM, username, password, role)
        except Conflict:
            pass
    if not any(d.labels.get("demo") for d in queries.list_datasets(store)):
        import_demo(store, Actor("steward", "steward"))
