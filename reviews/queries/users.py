"""Reads of user accounts."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import case, exists, select

from reviews.store import Store
from reviews.workspace.permissions import NO_ROLE
from reviews.workspace.schema import identities, users
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
USER_COLUMNS = [N_("username"), N_("role"), N_("active"), N_("sign_in"), N_("language"), N_("created_at")]
# How an account signs in (the sign_in column's words).
PASSWORD, SINGLE_SIGN_ON = N_("password"), N_("single sign-on")


def list_users(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        rows = (
            conn.execute(
                select(
                    users.c.username,
                    users.c.role,
                    users.c.active,
                    case(
                        (exists().where(identities.c.user_id == users.c.id), SINGLE_SIGN_ON), else_=PASSWORD
                    ).label("sign_in"),
                    users.c.language,
                    users.c.created_at,
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


def users_without_role(store: Store) -> list[str]:
    """Active accounts made by single sign-on that still wait for an admin to give them a role."""
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(users.c.username)
                .where(users.c.role == NO_ROLE, users.c.active.is_(True))
                .order_by(users.c.username)
            ).scalars()
        )
