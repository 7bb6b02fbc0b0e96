"""Reads of user accounts."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from reviews.store import Store
from reviews.workspace.schema import users
from synth.i18n import N_


def active_usernames(store: Store, role: str) -> list[str]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(users.c.username)
                .where(users.c.role == role, users.c.active.is_(True))
                .order_by(users.c.username)
            ).scalars()
        )


# Column names of the users table; pages show them translated (``ui.tables.translated``).
USER_COLUMNS = [N_("username"), N_("role"), N_("active"), N_("language"), N_("created_at")]


def list_users(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        rows = (
            conn.execute(
                select(
                    users.c.username, users.c.role, users.c.active, users.c.language, users.c.created_at
                ).order_by(users.c.username)
            )
            .mappings()
            .all()
        )
    return pd.DataFrame(rows, columns=USER_COLUMNS)


def user_language(store: Store, username: str) -> str | None:
    """The interface language the user chose, or None when they never chose one."""
    with store.engine.connect() as conn:
        return conn.execute(select(users.c.language).where(users.c.username == username)).scalar_one_or_none()
