"""``python -m reviews export DATASET_ID --out B.zip``: write the evidence bundle of an approved dataset.

Acts as the ``system`` actor; the export is recorded in the audit log. An unapproved dataset
is refused with one line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from reviews.workspace.permissions import SYSTEM


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="write the evidence bundle (ZIP) of an approved dataset")
    parser.add_argument("dataset_id", type=int, help="id of the approved dataset")
    parser.add_argument("--out", required=True, type=Path, help="where to write the ZIP")
    parser.set_defaults(func=_export)


def _export(args) -> int:
    from reviews.bundle import build_bundle  # here: the statistics stack, not needed for --help
    from reviews.store import open_store
    from reviews.workspace import artifacts

    data = build_bundle(open_store(), SYSTEM, args.dataset_id)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes, sha256 {artifacts.sha256_hex(data)})")
    return 0
