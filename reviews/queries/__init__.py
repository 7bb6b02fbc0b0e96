"""The one read path: every read of the store's tables, split by concept, as writes go through
``reviews.store``.

``from reviews import queries`` gives the everyday reads by name; the modules below hold them
by concept, and the specialised reads (rounds, jobs, evaluations, ...) are imported from their
own module.
"""

from reviews.queries.audit import audit_frame
from reviews.queries.datasets import (
    DatasetRecord,
    column_names,
    first_rows,
    get_dataset,
    list_datasets,
    load_frame,
    stored_frame,
)
from reviews.queries.settings import DEFAULT_SETTINGS, get_grant, get_setting, grants_in_force
from reviews.queries.users import (
    USER_COLUMNS,
    active_usernames,
    list_users,
    user_language,
    users_without_role,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "USER_COLUMNS",
    "DatasetRecord",
    "active_usernames",
    "audit_frame",
    "column_names",
    "first_rows",
    "get_dataset",
    "get_grant",
    "get_setting",
    "grants_in_force",
    "list_datasets",
    "list_users",
    "load_frame",
    "stored_frame",
    "user_language",
    "users_without_role",
]
