"""Store writes for server-side sessions: start, resume on every click, end.

A session row (id = sha256 of the browser's token, user, created, last seen, absolute expiry,
revoked) is the only thing that makes a browser signed in. ``resume_session`` runs at every
interaction and re-reads the account: a disabled account, an ended or expired session gives
None (the page then shows sign-in), and the role returned is the one stored now.

Moving ``last_seen_at`` forward is bookkeeping, not a change of state anyone acts on, so it is
written without an audit event, and at most once a minute per session; starting and ending a
session are audited.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from reviews.store.base import StoreBase, as_utc, now, retried
from reviews.workspace.account_policy import load_policy
from reviews.workspace.permissions import Actor
from reviews.workspace.schema import sessions, users
from reviews.workspace.session_tokens import new_token, session_id_from_cookie

TOUCH_EVERY = timedelta(minutes=1)


class SessionWrites(StoreBase):
    @retried
    def start_session(self, actor: Actor) -> str:
        """A new session for a signed-in ``actor``; returns the cookie value for the browser."""
        cookie, sid = new_token()
        moment = now()
        with self._transaction() as conn:
            user_id = (
                actor.user_id
                or conn.execute(select(users.c.id).where(users.c.username == actor.username)).scalar_one()
            )
            conn.execute(
                insert(sessions).values(
                    id=sid,
                    user_id=user_id,
                    created_at=moment,
                    last_seen_at=moment,
                    expires_at=moment + load_policy().absolute,
                    revoked=False,
                )
            )
            self._append_event(conn, actor.username, "session.start", f"user:{actor.username}")
        return cookie

    @retried
    def resume_session(self, cookie: str | None) -> Actor | None:
        """The account behind a browser's session cookie as stored now, or None when signed out."""
        sid = session_id_from_cookie(cookie)
        if sid is None:
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(sessions, users.c.username, users.c.role, users.c.active)
                    .join(users, users.c.id == sessions.c.user_id)
                    .where(sessions.c.id == sid)
                )
                .mappings()
                .first()
            )
        if row is None or row["revoked"]:
            return None
        moment, policy = now(), load_policy()
        last_seen = as_utc(row["last_seen_at"])
        reason = None
        if moment >= as_utc(row["expires_at"]):
            reason = "expired"
        elif moment - last_seen >= policy.idle:
            reason = "idle"
        elif not row["active"]:
            reason = "account disabled"
        if reason:
            self._end(sid, row["username"], reason)
            return None
        if moment - last_seen >= TOUCH_EVERY:
            with self._transaction() as conn:
                conn.execute(update(sessions).where(sessions.c.id == sid).values(last_seen_at=moment))
        return Actor(row["username"], row["role"], row["user_id"])

    @retried
    def end_session(self, cookie: str | None, reason: str = "signed out") -> None:
        """Revoke the session a cookie names (signing out); a second call changes nothing."""
        sid = session_id_from_cookie(cookie)
        if sid is None:
            return
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.username)
                .join(sessions, users.c.id == sessions.c.user_id)
                .where(sessions.c.id == sid, sessions.c.revoked.is_(False))
            ).first()
        if row is not None:
            self._end(sid, row.username, reason)

    def _end(self, sid: str, username: str, reason: str) -> None:
        with self._transaction() as conn:
            changed = conn.execute(
                update(sessions)
                .where(sessions.c.id == sid, sessions.c.revoked.is_(False))
                .values(revoked=True)
            ).rowcount
            if changed:
                self._append_event(conn, username, "session.end", f"user:{username}", {"reason": reason})

    @retried
    def note_role_change(self, actor: Actor, previous_role: str) -> None:
        """Record that a running session now acts with the role an admin gave it."""
        with self._transaction() as conn:
            self._append_event(
                conn,
                actor.username,
                "session.role_changed",
                f"user:{actor.username}",
                {"from": previous_role, "to": actor.role},
            )
