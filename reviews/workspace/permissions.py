"""Who may do what. Core functions call ``require`` so hiding a button is never the only guard."""

from __future__ import annotations

from dataclasses import dataclass

from reviews.errors import PermissionDenied
from synth.i18n import N_, Msg

ROLES = ("admin", "steward", "reviewer", "officer")
# The role of an account made by single sign-on that no admin or role mapping has given a role
# yet: it may sign in and read that it waits, nothing more.
NO_ROLE = N_("none")

# Admins may do everything except sign off (DESIGN.md, Roles); the CLI acts as "system".
_ADMINISTRATION = frozenset(
    {
        "manage_users",
        "upload",
        "generate",
        "evaluate",
        "export",
        "change_settings",
        "open_round",
        "apply_acceptance",
        "view_audit",
        "reset_demo",
        "simulate",
    }
)

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": _ADMINISTRATION,
    "steward": frozenset(
        {
            "upload",
            "generate",
            "evaluate",
            "export",
            "open_round",
            "apply_acceptance",
            "view_audit",
            "simulate",
        }
    ),
    "reviewer": frozenset({"review", "inspect", "view_audit"}),
    "officer": frozenset(
        {"sign_off", "override_lineage", "allow_pretraining", "allow_blind_test", "view_audit", "simulate"}
    ),
    # Background jobs: only what the job kinds themselves do (reviews.jobs.kinds), on behalf of
    # the user who queued them; never users, settings, sign-off or export.
    "worker": frozenset({"generate", "evaluate", "simulate"}),
    # The command line, run by whoever operates the server: what an admin may do.
    "system": _ADMINISTRATION,
}


# What each permission lets one do, as refusals name it ("may not manage users").
ACTION_NAMES = {
    "manage_users": N_("manage users"),
    "upload": N_("upload"),
    "generate": N_("generate"),
    "evaluate": N_("evaluate"),
    "export": N_("export"),
    "change_settings": N_("change settings"),
    "open_round": N_("open round"),
    "apply_acceptance": N_("apply acceptance"),
    "view_audit": N_("view audit"),
    "reset_demo": N_("reset demo"),
    "simulate": N_("simulate"),
    "review": N_("review"),
    "inspect": N_("inspect"),
    "sign_off": N_("sign off"),
    "override_lineage": N_("override lineage"),
    "allow_pretraining": N_("allow pretraining"),
    "allow_blind_test": N_("allow blind test"),
}


@dataclass(frozen=True)
class Actor:
    """The person (or the command line) on whose behalf the core acts."""

    username: str
    role: str
    user_id: int | None = None

    def can(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())


SYSTEM = Actor("system", "system")
WORKER_ROLE = "worker"


def require(actor: Actor, action: str) -> None:
    """Raise ``PermissionDenied`` unless ``actor``'s role may perform ``action``."""
    if not actor.can(action):
        raise PermissionDenied(
            Msg(
                "{user} ({role}) may not {action}; ask a user with the right role",
                user=actor.username,
                role=Msg(actor.role),
                action=Msg(ACTION_NAMES.get(action, action.replace("_", " "))),
            )
        )
