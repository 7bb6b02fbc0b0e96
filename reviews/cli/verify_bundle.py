"""``python -m reviews verify-bundle B.zip [--public-key KEY.pem | --trust-embedded-key]``.

Checks an evidence bundle against a trusted key: ``--public-key``, else the key of the
workspace in ``SYNTHREVIEW_HOME`` (when it has one), else none, and then the bundle fails unless
``--trust-embedded-key`` accepts the bundle's own key (integrity only, not origin). Prints
``OK`` with the signer's fingerprint and exits 0 when every hash and signature holds; prints each
problem and exits 1 otherwise; a hostile ZIP (too many members, a path outside it, a bomb) is
refused with one line and exit 2.
"""

from __future__ import annotations

from pathlib import Path

from reviews.workspace.config import load_settings


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "verify-bundle", help="check the hashes and signatures of an evidence bundle against a trusted key"
    )
    parser.add_argument("bundle", type=Path, help="the bundle ZIP")
    trust = parser.add_mutually_exclusive_group()
    trust.add_argument(
        "--public-key",
        type=Path,
        default=None,
        help="the signing workspace's public key from a trusted channel (see `key show`); "
        "default: the key of the workspace in SYNTHREVIEW_HOME",
    )
    trust.add_argument(
        "--trust-embedded-key",
        action="store_true",
        help="accept the bundle's own key: proves the bundle is intact, not who signed it",
    )
    parser.set_defaults(func=_verify)


def _trusted(args) -> tuple[bytes | None, str]:
    if args.public_key is not None:
        return args.public_key.read_bytes(), str(args.public_key)
    if args.trust_embedded_key:
        return None, ""
    from reviews.workspace.signing import existing_public_key_pem  # cryptography: not for --help

    home = load_settings().home
    workspace_key = existing_public_key_pem(home)
    if workspace_key is not None:
        return workspace_key, f"the workspace key in {home}"
    return None, ""


def _verify(args) -> int:
    from reviews.bundle import verify_bundle  # here: the statistics stack, not needed for --help

    trusted, source = _trusted(args)
    report = verify_bundle(
        args.bundle, trusted_public_key=trusted, trust_embedded_key=args.trust_embedded_key
    )
    if report.ok:
        record = report.record or {}
        dataset = record.get("dataset", {})
        trust = (
            f"trusted: {source}"
            if trusted is not None
            else "the bundle's own key: this proves integrity only, not origin"
        )
        print(
            f"OK: {report.files_checked} files, signed {record.get('verdict')} of dataset "
            f"{dataset.get('id')} by {record.get('officer')}, "
            f"key sha256:{report.fingerprint} ({trust})"
        )
        return 0
    print(f"FAILED: {args.bundle}")
    for problem in report.problems:
        print(f"  - {problem}")
    return 1
