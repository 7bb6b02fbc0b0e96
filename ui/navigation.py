"""Which pages exist for whom. A page a role may not see is never registered for that user,
so not even its URL reaches it."""

from __future__ import annotations

import streamlit as st

from reviews.workspace.permissions import NO_ROLE, Actor
from ui.i18n import N_, _

# (file, title key, icon, url path, roles that get it; None means every signed-in role)
PAGES = (
    ("pages/home.py", N_("Home"), ":material/home:", "home", None),
    ("pages/data.py", N_("Data"), ":material/table:", "data", {"admin", "steward"}),
    ("pages/generate.py", N_("Generate"), ":material/auto_awesome:", "generate", {"steward"}),
    ("pages/compare.py", N_("Compare"), ":material/compare:", "compare", None),
    ("pages/review.py", N_("Review"), ":material/thumbs_up_down:", "review", {"reviewer"}),
    # Reviewers judge; the others read what an inspection left on record (evidence links lead here).
    (
        "pages/inspect.py",
        N_("Inspect"),
        ":material/checklist:",
        "inspect",
        {"reviewer", "officer", "steward", "admin"},
    ),
    ("pages/rounds.py", N_("Review rounds"), ":material/rule:", "rounds", {"admin", "steward"}),
    ("pages/signoff.py", N_("Sign-off"), ":material/approval:", "signoff", {"officer", "steward", "admin"}),
    ("pages/export.py", N_("Export"), ":material/download:", "export", {"steward"}),
    ("pages/grants.py", N_("Officer permissions"), ":material/verified_user:", "grants", {"officer"}),
    ("pages/collapse.py", N_("Collapse Lab"), ":material/trending_down:", "collapse", None),
    ("pages/audit.py", N_("Audit log"), ":material/history:", "audit", None),
    ("pages/settings.py", N_("Settings"), ":material/settings:", "settings", {"admin"}),
    ("pages/users.py", N_("Users"), ":material/group:", "users", {"admin"}),
)


def roles_for(url_path: str) -> set[str] | None:
    """Roles that may open the page at ``url_path`` (None: every signed-in role)."""
    for _path, _title, _icon, url, roles in PAGES:
        if url == url_path:
            return roles
    return set()


def visible_pages(actor: Actor) -> list[tuple]:
    """Registry entries of the pages ``actor``'s role may open (none without a role)."""
    if actor.role == NO_ROLE:
        return []
    return [p for p in PAGES if p[4] is None or actor.role in p[4]]


def pages_for(actor: Actor | None, has_users: bool) -> list:
    """The ``st.Page`` list for this visitor: first-run, sign-in, or the role's pages."""
    if not has_users:
        return [
            st.Page("pages/first_run.py", title=_("Create the first admin"), url_path="setup", default=True)
        ]
    if actor is None:
        return [
            st.Page(
                "pages/login.py", title=_("Sign in"), icon=":material/login:", url_path="login", default=True
            )
        ]
    if actor.role == NO_ROLE:
        return [
            st.Page(
                "pages/awaiting_role.py",
                title=_("Waiting for a role"),
                icon=":material/hourglass_empty:",
                url_path="waiting",
                default=True,
            )
        ]
    visible = visible_pages(actor)
    return [
        st.Page(path, title=_(title), icon=icon, url_path=url, default=(i == 0))
        for i, (path, title, icon, url, _roles) in enumerate(visible)
    ]
