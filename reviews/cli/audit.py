"""``python -m reviews audit verify [--json]``: check the audit chain; exit 0 intact, 1 broken."""

from __future__ import annotations

import json

from reviews.audit.chain import verify_chain
from reviews.store import open_store


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="inspect the audit log")
    actions = parser.add_subparsers(dest="audit_action", required=True)
    verify = actions.add_parser("verify", help="verify the hash chain")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(func=_verify)


def _verify(args) -> int:
    report = verify_chain(open_store().engine)
    if args.json:
        print(json.dumps(report.to_dict()))
    elif report.ok:
        print(f"audit chain intact: {report.events} events")
    else:
        print(f"audit chain BROKEN at event {report.first_broken}: {report.reason}")
    return 0 if report.ok else 1
