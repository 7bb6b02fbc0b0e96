"""Store writes for signing in through an OpenID Connect provider (single sign-on).

The provider vouches for a person by its issuer (``iss``) and subject (``sub``). That pair, and
nothing else, links the person to an account here: an email or a display name can be handed to
someone else, so a provider's account is never joined to an existing account by name.

- A pair seen for the first time creates an account, with the role the configured claim maps to
  (``reviews.workspace.oidc_settings``) or with no role (``NO_ROLE``) until an admin gives one.
- A known pair whose account is disabled is refused, and the refusal is an audit event.
- When the claim maps to a role that differs from the stored one, the provider's groups win and
  the change is audited; a claim that maps to nothing leaves the role an admin chose. The last
  active admin is never demoted this way.
- The provider's sign-in must be recent (``max_age_seconds``): Streamlit's identity cookie lives
  for weeks, and accepting it later would let it outlive this app's own session expiry.

The caller then starts an ordinary server-side session (``reviews.store.sessions``), so
revocation, disabling and role changes work for these accounts as for any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, insert, select, update

from reviews.errors import AuthenticationFailed, ReviewsError, SignInExpired
from reviews.store.base import StoreBase, now, retried
from reviews.store.users import active_admins, insert_user, lock_chain
from reviews.workspace.oidc_settings import OidcPolicy
from reviews.workspace.passwords import NO_PASSWORD
from reviews.workspace.permissions import NO_ROLE, Actor
from reviews.workspace.schema import identities, users
from synth.i18n import N_

METHOD = "single sign-on"
DISABLED = N_("This account is disabled. Ask an admin to enable it.")
NO_IDENTITY = N_(
    "The identity provider did not say who you are (no issuer or subject). "
    "Ask your admin to check the single sign-on set-up."
)
EXPIRED = N_("Your sign-in with the identity provider has expired. Sign in with it again.")


def _claim(claims: Mapping[str, object], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > 255:
        raise ReviewsError(NO_IDENTITY)
    return value


def _fresh(claims: Mapping[str, object], max_age_seconds: float) -> bool:
    issued = claims.get("iat")
    if isinstance(issued, bool) or not isinstance(issued, int | float):
        return False
    return now().timestamp() - float(issued) <= max_age_seconds


def _username_base(claims: Mapping[str, object], subject: str) -> str:
    for name in ("preferred_username", "email", "name"):
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()[:60]
    return subject.strip()[:60]


def _free_username(conn: Connection, base: str) -> str:
    """``base``, or ``base-2``, ``base-3`` ... when an account already has that name."""
    candidate, n = base, 1
    while conn.execute(select(users.c.id).where(users.c.username == candidate)).first() is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class IdentityWrites(StoreBase):
    @retried
    def sign_in_oidc(
        self, claims: Mapping[str, object], policy: OidcPolicy, source: str = "unknown"
    ) -> Actor:
        """The account for the person the provider's ``claims`` name, created on first sign-in."""
        issuer, subject = _claim(claims, "iss"), _claim(claims, "sub")
        if not _fresh(claims, policy.max_age_seconds):
            raise SignInExpired(EXPIRED)
        mapped = policy.role_for(claims)
        source = (source or "unknown")[:64]
        moment = now()
        outcome: Actor | None = None
        with self._transaction() as conn:
            lock_chain(conn)
            known = (
                conn.execute(
                    select(
                        identities.c.id.label("identity_id"),
                        users.c.id.label("user_id"),
                        users.c.username,
                        users.c.role,
                        users.c.active,
                    )
                    .join(users, users.c.id == identities.c.user_id)
                    .where(identities.c.issuer == issuer, identities.c.subject == subject)
                )
                .mappings()
                .first()
            )
            if known is None:
                outcome = self._create(conn, claims, issuer, subject, mapped or NO_ROLE)
            elif not known["active"]:
                name = known["username"]
                self._append_event(
                    conn, name, "login.refused", f"user:{name}", {"reason": "disabled", "method": METHOD}
                )
            else:
                role = self._follow_claim(conn, known, mapped)
                conn.execute(
                    update(identities)
                    .where(identities.c.id == known["identity_id"])
                    .values(last_sign_in_at=moment)
                )
                outcome = Actor(known["username"], role, known["user_id"])
            if outcome is not None:
                self._append_event(
                    conn,
                    outcome.username,
                    "login",
                    f"user:{outcome.username}",
                    {"source": source, "method": METHOD},
                )
        if outcome is None:
            raise AuthenticationFailed(DISABLED)
        return outcome

    def _create(
        self, conn: Connection, claims: Mapping[str, object], issuer: str, subject: str, role: str
    ) -> Actor:
        username = _free_username(conn, _username_base(claims, subject))
        user_id = insert_user(conn, username, NO_PASSWORD, role)
        moment = now()
        conn.execute(
            insert(identities).values(
                issuer=issuer, subject=subject, user_id=user_id, created_at=moment, last_sign_in_at=moment
            )
        )
        self._append_event(
            conn,
            username,
            "user.create",
            f"user:{username}",
            {"role": role, "method": METHOD, "issuer": issuer},
        )
        return Actor(username, role, user_id)

    def _follow_claim(self, conn: Connection, known: Mapping, mapped: str | None) -> str:
        stored = known["role"]
        if mapped is None or mapped == stored:
            return stored
        if stored == "admin" and active_admins(conn) <= 1:
            return stored  # the last active admin stays one, whatever the provider's groups say
        name = known["username"]
        conn.execute(update(users).where(users.c.id == known["user_id"]).values(role=mapped))
        self._append_event(
            conn,
            "system",
            "user.set_role",
            f"user:{name}",
            {"from": stored, "to": mapped, "by": "role claim"},
        )
        return mapped
