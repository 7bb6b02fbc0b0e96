"""Store writes for accounts: creation, roles, activation, language, sign-in attempts."""

from __future__ import annotations

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from reviews.errors import AuthenticationFailed, Conflict, NotFound, PermissionDenied, ReviewsError
from reviews.store.base import StoreBase, now, retried
from reviews.workspace.passwords import hash_password, password_matches
from reviews.workspace.permissions import ROLES, Actor, require
from reviews.workspace.schema import users
from synth.i18n import N_, Msg, joined, word

LANGUAGES = ("en", "zh")


def _unknown_role(role: str) -> ReviewsError:
    return ReviewsError(
        Msg("Unknown role {role!r}: choose one of {roles}.", role=role, roles=joined(map(word, ROLES)))
    )


class UserWrites(StoreBase):
    @retried
    def create_first_admin(self, username: str, password: str) -> int:
        """First-run setup: create the admin, refused as soon as any user exists."""
        if self.user_count() > 0:
            raise PermissionDenied(N_("The workspace already has users; ask an admin for an account."))
        return self.create_user(Actor(username.strip(), "setup"), username, password, "admin")

    @retried
    def create_user(self, actor: Actor, username: str, password: str, role: str) -> int:
        """Create a user; only admins (or the command line) may, except for the very first admin."""
        if self.user_count() > 0:
            require(actor, "manage_users")
        elif role != "admin":
            raise ReviewsError(
                N_("The first user must be an admin: create the admin first, then the others.")
            )
        username = username.strip()
        if not username or len(username) > 64:
            raise ReviewsError(N_("Choose a username of 1 to 64 characters."))
        if role not in ROLES:
            raise _unknown_role(role)
        password_hash = hash_password(password)
        try:
            with self._transaction() as conn:
                user_id = conn.execute(
                    insert(users).values(
                        username=username,
                        password_hash=password_hash,
                        role=role,
                        language=None,
                        active=True,
                        created_at=now(),
                    )
                ).inserted_primary_key[0]
                self._append_event(conn, actor.username, "user.create", f"user:{username}", {"role": role})
        except IntegrityError as exc:
            raise Conflict(
                Msg("A user named {name!r} already exists; pick another name.", name=username)
            ) from exc
        return int(user_id)

    @retried
    def set_role(self, actor: Actor, username: str, role: str) -> None:
        """Change a user's role (admins only)."""
        require(actor, "manage_users")
        if role not in ROLES:
            raise _unknown_role(role)
        with self._transaction() as conn:
            old = conn.execute(select(users.c.role).where(users.c.username == username)).scalar_one_or_none()
            if old is None:
                raise NotFound(Msg("No user named {name!r}.", name=username))
            conn.execute(update(users).where(users.c.username == username).values(role=role))
            self._append_event(
                conn, actor.username, "user.set_role", f"user:{username}", {"from": old, "to": role}
            )

    @retried
    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Disable or re-enable a user (admins only); disabled users cannot sign in."""
        require(actor, "manage_users")
        if username == actor.username and not active:
            raise ReviewsError(N_("You cannot disable your own account; ask another admin."))
        with self._transaction() as conn:
            changed = conn.execute(
                update(users).where(users.c.username == username).values(active=active)
            ).rowcount
            if not changed:
                raise NotFound(Msg("No user named {name!r}.", name=username))
            self._append_event(
                conn, actor.username, "user.set_active", f"user:{username}", {"active": active}
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

    @retried
    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password; failed attempts are audited, and the message never says which part was wrong."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(users).where(users.c.username == username.strip()))
                .mappings()
                .one_or_none()
            )
        if row is None or not row["active"] or not password_matches(row["password_hash"], password):
            with self._transaction() as conn:
                self._append_event(
                    conn, username.strip()[:64] or "?", "login.failed", f"user:{username.strip()[:64]}"
                )
            raise AuthenticationFailed(N_("Wrong username or password, or the account is disabled."))
        with self._transaction() as conn:
            self._append_event(conn, row["username"], "login", f"user:{row['username']}")
        return Actor(row["username"], row["role"], row["id"])

    def user_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())
