"""Store writes for accounts: creation (the first admin included), roles, activation, language.

Changes that could leave the workspace without an active admin (demoting or disabling one, or
creating the first admin) first lock the head of the audit chain, so concurrent changes queue
and each sees the others' result: two first-run admins, or two admins demoting each other at
once, cannot both succeed.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from reviews.errors import Conflict, NotFound, PermissionDenied, ReviewsError
from reviews.store.base import StoreBase, now, retried
from reviews.workspace.passwords import hash_password
from reviews.workspace.permissions import ROLES, Actor, require
from reviews.workspace.schema import audit_head, sessions, users
from synth.i18n import N_, Msg, joined, word

LANGUAGES = ("en", "zh")


def _unknown_role(role: str) -> ReviewsError:
    return ReviewsError(
        Msg("Unknown role {role!r}: choose one of {roles}.", role=role, roles=joined(map(word, ROLES)))
    )


def lock_chain(conn: Connection) -> None:
    """Queue behind every other writer now, before reading what the change depends on."""
    conn.execute(select(audit_head.c.seq).where(audit_head.c.id == 1).with_for_update()).one()


def _clean_username(username: str) -> str:
    username = username.strip()
    if not username or len(username) > 64:
        raise ReviewsError(N_("Choose a username of 1 to 64 characters."))
    return username


def active_admins(conn: Connection) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(users).where(users.c.role == "admin", users.c.active.is_(True))
        ).scalar_one()
    )


def insert_user(conn: Connection, username: str, password_hash: str, role: str) -> int:
    """Add an active account; the caller has checked the name and records the event."""
    return int(
        conn.execute(
            insert(users).values(
                username=username,
                password_hash=password_hash,
                role=role,
                language=None,
                active=True,
                created_at=now(),
                failed_logins=0,
            )
        ).inserted_primary_key[0]
    )


LAST_ADMIN = N_("This is the last active admin: make another user an admin first.")


class UserWrites(StoreBase):
    @retried
    def create_first_admin(self, username: str, password: str) -> int:
        """First-run setup: create the admin; refused as soon as any user exists, even one made a
        moment ago by someone else on the same page."""
        username = _clean_username(username)
        password_hash = hash_password(password)
        with self._transaction() as conn:
            lock_chain(conn)
            if conn.execute(select(func.count()).select_from(users)).scalar_one():
                raise PermissionDenied(N_("The workspace already has users; ask an admin for an account."))
            user_id = self._insert_user(conn, username, password_hash, "admin")
            self._append_event(conn, username, "user.create", f"user:{username}", {"role": "admin"})
        return user_id

    @retried
    def create_user(
        self,
        actor: Actor,
        username: str,
        password: str,
        role: str,
        *,
        enforce_policy: bool = True,
        known_hash: str | None = None,
    ) -> int:
        """Create a user (admins and the command line). ``enforce_policy=False`` only for the demo
        accounts, whose short published passwords exist only in demo mode; they come with
        ``known_hash``, their published password hashed earlier by ``hash_password``, which
        spares the demo most of a second per account on every seeding."""
        require(actor, "manage_users")
        username = _clean_username(username)
        if role not in ROLES:
            raise _unknown_role(role)
        if role != "admin" and self.user_count() == 0:
            raise ReviewsError(
                N_("The first user must be an admin: create the admin first, then the others.")
            )
        password_hash = known_hash if known_hash and not enforce_policy else None
        password_hash = password_hash or hash_password(password, enforce_policy=enforce_policy)
        try:
            with self._transaction() as conn:
                user_id = self._insert_user(conn, username, password_hash, role)
                self._append_event(conn, actor.username, "user.create", f"user:{username}", {"role": role})
        except IntegrityError as exc:
            raise Conflict(
                Msg("A user named {name!r} already exists; pick another name.", name=username)
            ) from exc
        return user_id

    def _insert_user(self, conn: Connection, username: str, password_hash: str, role: str) -> int:
        return insert_user(conn, username, password_hash, role)

    @retried
    def set_role(self, actor: Actor, username: str, role: str) -> None:
        """Change a user's role (admins only); it applies at that user's next click."""
        require(actor, "manage_users")
        if role not in ROLES:
            raise _unknown_role(role)
        with self._transaction() as conn:
            lock_chain(conn)
            row = conn.execute(
                select(users.c.role, users.c.active).where(users.c.username == username)
            ).first()
            if row is None:
                raise NotFound(Msg("No user named {name!r}.", name=username))
            if row.role == role:
                raise ReviewsError(Msg("{name} already has the role {role}.", name=username, role=word(role)))
            if row.role == "admin" and row.active and active_admins(conn) <= 1:
                raise ReviewsError(LAST_ADMIN)
            conn.execute(update(users).where(users.c.username == username).values(role=role))
            self._append_event(
                conn, actor.username, "user.set_role", f"user:{username}", {"from": row.role, "to": role}
            )

    @retried
    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Disable or re-enable a user (admins only). Disabling ends all of that user's sessions,
        so an open browser is signed out at its next click."""
        require(actor, "manage_users")
        with self._transaction() as conn:
            lock_chain(conn)
            row = conn.execute(
                select(users.c.id, users.c.role, users.c.active).where(users.c.username == username)
            ).first()
            if row is None:
                raise NotFound(Msg("No user named {name!r}.", name=username))
            if bool(row.active) == active:
                if active:
                    raise ReviewsError(Msg("{name} is already active.", name=username))
                raise ReviewsError(Msg("{name} is already disabled.", name=username))
            if not active and row.role == "admin" and active_admins(conn) <= 1:
                raise ReviewsError(LAST_ADMIN)
            values: dict = {"active": active}
            if active:  # a re-enabled account starts with a clean slate of failures
                values.update(failed_logins=0, failed_since=None, locked_until=None)
            conn.execute(update(users).where(users.c.id == row.id).values(**values))
            ended = 0
            if not active:
                ended = conn.execute(
                    update(sessions)
                    .where(sessions.c.user_id == row.id, sessions.c.revoked.is_(False))
                    .values(revoked=True)
                ).rowcount
            self._append_event(
                conn,
                actor.username,
                "user.set_active",
                f"user:{username}",
                {"active": active, "sessions_ended": ended},
            )

    @retried
    def set_language(self, actor: Actor, language: str) -> None:
        """Remember the interface language a user chose."""
        if language not in LANGUAGES:
            raise ReviewsError(
                Msg(
                    "Unsupported language {language!r}: choose one of {languages}.",
                    language=language,
                    languages=", ".join(LANGUAGES),
                )
            )
        with self._transaction() as conn:
            conn.execute(update(users).where(users.c.username == actor.username).values(language=language))
            self._append_event(
                conn, actor.username, "user.set_language", f"user:{actor.username}", {"language": language}
            )

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())
