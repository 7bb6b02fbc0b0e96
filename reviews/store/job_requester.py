"""Whether the person who queued a job may still have it run, judged when a worker claims it.

A job waits in the queue for a while, and its requester may be disabled or given another role
meanwhile. The permission checked when it was queued then no longer holds, so the worker asks
again, from the account as it is now. The command line queues as ``system`` (whoever operates
the server), which has no account row.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from reviews.jobs.kinds import job_kind
from reviews.workspace.permissions import ACTION_NAMES, SYSTEM, Actor
from reviews.workspace.schema import users
from synth.i18n import Msg


def requester_refusal(conn: Connection, kind: str, username: str) -> Msg | None:
    """Why a job of ``kind`` queued by ``username`` may not run now; None when it may."""
    if username == SYSTEM.username:
        return None
    account = conn.execute(select(users.c.role, users.c.active).where(users.c.username == username)).first()
    if account is None:
        # Accounts are disabled, never deleted, so only a caller that made up its actor gets here;
        # the permission was checked against that actor's role when the job was queued.
        return None
    if not account.active:
        return Msg(
            "refused: {user}'s account was disabled after this job was queued; nothing was run. "
            "An active user with the right role may start it again.",
            user=username,
        )
    permission = job_kind(kind).permission
    if not Actor(username, account.role).can(permission):
        return Msg(
            "refused: {user} ({role}) may no longer {action}; nothing was run. "
            "A user with the right role may start it again.",
            user=username,
            role=Msg(account.role),
            action=Msg(ACTION_NAMES.get(permission, permission.replace("_", " "))),
        )
    return None
