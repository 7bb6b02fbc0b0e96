"""``python -m reviews datasets list [--json]``: the workspace's datasets and their sign-off status."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser("datasets", help="list the workspace's datasets")
    actions = parser.add_subparsers(dest="datasets_action", required=True)
    listing = actions.add_parser("list", help="id, name, kind, purpose, depth and sign-off status")
    listing.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    listing.set_defaults(func=_list)


def dataset_rows(store) -> list[dict]:
    """Each dataset with its latest sign-off (signed or not, and the verdict)."""
    from reviews import queries
    from reviews.signoff import signoff_for  # here: the statistics stack, not needed for --help

    rows = []
    for d in queries.list_datasets(store):
        signoff = signoff_for(store, d.id)
        rows.append(
            {
                "id": d.id,
                "name": d.name,
                "kind": d.kind,
                "purpose": d.purpose,
                "depth": d.depth,
                "status": {
                    "signed": signoff is not None,
                    "verdict": signoff.verdict if signoff else None,
                    "officer": signoff.officer if signoff else None,
                },
            }
        )
    return rows


def _list(args) -> int:
    from reviews.store import open_store  # here: SQLAlchemy and pandas, not needed for --help

    rows = dataset_rows(open_store())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no datasets yet")
    for r in rows:
        status = r["status"]["verdict"] or "not signed"
        purpose = r["purpose"] or "-"
        print(f"{r['id']:>4}  {r['kind']:<10} {purpose:<13} depth {r['depth']}  {status:<24} {r['name']}")
    return 0
