"""``python -m reviews verify-bundle B.zip [--public-key KEY.pem]``: check an evidence bundle.

Prints ``OK`` and exits 0 when every hash and signature holds; otherwise prints each problem
and exits 1. Needs no workspace.
"""

from __future__ import annotations

from pathlib import Path

from reviews.bundle import verify_bundle


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "verify-bundle", help="check the hashes and signatures of an evidence bundle"
    )
    parser.add_argument("bundle", type=Path, help="the bundle ZIP")
    parser.add_argument(
        "--public-key",
        type=Path,
        default=None,
        help="the workspace's public key from a trusted channel; without it the bundle's own key is used",
    )
    parser.set_defaults(func=_verify)


def _verify(args) -> int:
    trusted = args.public_key.read_bytes() if args.public_key else None
    report = verify_bundle(args.bundle, trusted_public_key=trusted)
    if report.ok:
        dataset = (report.record or {}).get("dataset", {})
        print(
            f"OK: {report.files_checked} files, signed {report.record.get('verdict')} of dataset "
            f"{dataset.get('id')} by {report.record.get('officer')}"
        )
        return 0
    print(f"FAILED: {args.bundle}")
    for problem in report.problems:
        print(f"  - {problem}")
    return 1
