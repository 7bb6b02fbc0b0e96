"""``python -m reviews users create|list|set-role|disable|enable``: manage accounts without the app."""

from __future__ import annotations

import getpass
import json
import sys

from reviews.errors import ReviewsError
from reviews.workspace.permissions import ROLES, SYSTEM


def register(subparsers) -> None:
    parser = subparsers.add_parser("users", help="create, list and change users")
    actions = parser.add_subparsers(dest="users_action", required=True)
    create = actions.add_parser("create", help="create a user (asks for the password)")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(func=_create)
    listing = actions.add_parser("list", help="list users and roles")
    listing.add_argument("--json", action="store_true", help="print a JSON list of users")
    listing.set_defaults(func=_list)
    set_role = actions.add_parser("set-role", help="change a user's role")
    set_role.add_argument("--username", required=True)
    set_role.add_argument("--role", required=True, choices=ROLES)
    set_role.set_defaults(func=_set_role)
    for name, active in (("disable", False), ("enable", True)):
        toggle = actions.add_parser(name, help=f"{name} a user (disabling signs them out at once)")
        toggle.add_argument("--username", required=True)
        toggle.set_defaults(func=_set_active, active=active)


def _open_store():
    # Here, not at the top: the store loads SQLAlchemy, Alembic and pandas, and ``--help`` needs none.
    from reviews.store import open_store

    return open_store()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ReviewsError("The two passwords differ; run the command again.")
    return first


def _create(args) -> int:
    store = _open_store()
    store.create_user(SYSTEM, args.username, _read_password(args.password_stdin), args.role)
    print(f"created {args.role} {args.username}")
    return 0


def _list(args) -> int:
    from reviews import queries

    frame = queries.list_users(_open_store())
    if args.json:
        records = [
            {
                "username": row["username"],
                "role": row["role"] if isinstance(row["role"], str) else None,
                "active": bool(row["active"]),
                "sign_in": row["sign_in"],
                "language": row["language"] if isinstance(row["language"], str) else None,
                "created_at": row["created_at"].isoformat(),
            }
            for row in frame.to_dict("records")
        ]
        print(json.dumps(records, indent=2))
        return 0
    print(
        frame[["username", "role", "active", "sign_in"]].to_string(index=False)
        if len(frame)
        else "no users yet"
    )
    return 0


def _set_role(args) -> int:
    _open_store().set_role(SYSTEM, args.username, args.role)
    print(f"{args.username} is now {args.role}")
    return 0


def _set_active(args) -> int:
    _open_store().set_active(SYSTEM, args.username, args.active)
    print(f"{args.username} is now {'enabled' if args.active else 'disabled'}")
    return 0
