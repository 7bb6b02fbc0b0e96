"""Store writes for signing in with a password: lockout, and failures that reveal nothing.

Every answer costs the same: a known user's password is checked with argon2, and an unknown
username, a locked or a disabled account get a dummy argon2 check of the same cost, all before
any bookkeeping. The message is the same in every case.

Failures for a known account are audit events, and the one that reaches the limit locks the
account (``reviews.workspace.account_policy``). A username that does not exist is never
written down (it is often a password typed into the wrong box): such failures are counted per
source address and time window in ``signin_failures``, and the audit log gets an event when a
window's count reaches 1, 10, 100, ... so that a flood of guesses leaves a handful of events.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from reviews.errors import AuthenticationFailed
from reviews.store.base import StoreBase, as_utc, now, retried
from reviews.store.users import lock_chain
from reviews.workspace.account_policy import load_policy
from reviews.workspace.passwords import dummy_verify, password_matches
from reviews.workspace.permissions import Actor
from reviews.workspace.schema import signin_failures, users
from synth.i18n import N_

REFUSED = N_("Wrong username or password, or the account is locked or disabled.")
ANONYMOUS = "anonymous"


def _milestone(count: int) -> bool:
    while count % 10 == 0 and count > 1:
        count //= 10
    return count == 1


class SigninWrites(StoreBase):
    @retried
    def authenticate(self, username: str, password: str, source: str = "unknown") -> Actor:
        """The account for ``username`` if ``password`` is right and it may sign in now."""
        name = username.strip()[:64]
        source = (source or "unknown")[:64]
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.password_hash).where(users.c.username == name)).first()
        # The one expensive step, taken on every path and outside any transaction.
        if row is None:
            dummy_verify(password)
            matches = False
        else:
            matches = password_matches(row.password_hash, password)
        policy, moment = load_policy(), now()
        outcome: Actor | None = None
        with self._transaction() as conn:
            lock_chain(conn)
            account = conn.execute(select(users).where(users.c.username == name)).mappings().first()
            if account is None:
                self._count_unknown(conn, source, moment, policy.lockout_window.total_seconds())
            elif account["locked_until"] is not None and as_utc(account["locked_until"]) > moment:
                self._append_event(conn, name, "login.refused", f"user:{name}", {"reason": "locked"})
            elif not account["active"]:
                self._append_event(conn, name, "login.refused", f"user:{name}", {"reason": "disabled"})
            elif not matches:
                since = account["failed_since"]
                fresh = since is None or moment - as_utc(since) > policy.lockout_window
                failures = 1 if fresh else account["failed_logins"] + 1
                values: dict = {"failed_logins": failures, "failed_since": moment if fresh else since}
                self._append_event(
                    conn, name, "login.failed", f"user:{name}", {"failures": failures, "source": source}
                )
                if failures >= policy.lockout_attempts:
                    until = moment + policy.lockout
                    values = {"failed_logins": 0, "failed_since": None, "locked_until": until}
                    self._append_event(
                        conn,
                        "system",
                        "user.locked",
                        f"user:{name}",
                        {"failures": failures, "until": until.isoformat(timespec="seconds")},
                    )
                conn.execute(update(users).where(users.c.id == account["id"]).values(**values))
            else:
                conn.execute(
                    update(users)
                    .where(users.c.id == account["id"])
                    .values(failed_logins=0, failed_since=None, locked_until=None)
                )
                self._append_event(conn, name, "login", f"user:{name}", {"source": source})
                outcome = Actor(account["username"], account["role"], account["id"])
        if outcome is None:
            raise AuthenticationFailed(REFUSED)
        return outcome

    def _count_unknown(self, conn, source: str, moment: datetime, window_seconds: float) -> None:
        start = datetime.fromtimestamp(moment.timestamp() // window_seconds * window_seconds, UTC)
        key = (signin_failures.c.source == source) & (signin_failures.c.window_start == start)
        count = conn.execute(select(signin_failures.c.count).where(key)).scalar_one_or_none()
        if count is None:
            count = 1
            conn.execute(insert(signin_failures).values(source=source, window_start=start, count=1))
        else:
            count += 1
            conn.execute(update(signin_failures).where(key).values(count=count))
        if _milestone(count):
            self._append_event(
                conn,
                ANONYMOUS,
                "login.unknown_user",
                f"source:{source}",
                {"window_start": start.isoformat(timespec="seconds"), "count": count},
            )
