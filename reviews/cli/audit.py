"""``python -m reviews audit verify [--json] [--bundle B.zip ...]`` and ``audit checkpoint``.

``verify`` checks the hash chain, then compares it with every signed checkpoint and with the
audit head of each bundle given: exit 0 when all hold, 1 when anything is broken.
``checkpoint`` appends the current head, signed, to the checkpoint file.
"""

from __future__ import annotations

import json
from pathlib import Path

from reviews.errors import ReviewsError
from synth.i18n import Msg


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="inspect the audit log")
    actions = parser.add_subparsers(dest="audit_action", required=True)
    verify = actions.add_parser("verify", help="verify the hash chain against its checkpoints and bundles")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument(
        "--bundle",
        action="append",
        default=[],
        metavar="B.zip",
        help="also compare the chain with this evidence bundle's audit head (repeatable)",
    )
    verify.set_defaults(func=_verify)
    checkpoint = actions.add_parser(
        "checkpoint", help="append the chain's head, signed, to the checkpoint file"
    )
    checkpoint.set_defaults(func=_checkpoint)


def _bundle_anchors(path: str) -> tuple[list, list[str]]:
    """The audit heads a bundle carries (manifest and sign-off record), after checking the bundle."""
    from reviews.bundle.build import MANIFEST, RECORD  # here: the statistics stack, not needed for --help
    from reviews.bundle.safe_zip import read_members
    from reviews.bundle.verify import verify_bundle
    from reviews.workspace import signing  # cryptography: not for --help

    if not Path(path).is_file():
        raise ReviewsError(Msg("no bundle at {path}; check the path", path=path))
    report = verify_bundle(path, signing.existing_public_key_pem())
    problems = [f"{path}: {p}" for p in report.problems]
    members, _ = read_members(path)
    anchors: list[tuple[str, dict]] = []
    try:
        manifest = json.loads(members[MANIFEST])
        record = json.loads(members[RECORD])
    except (KeyError, ValueError):
        return anchors, problems
    for where, data in (("manifest", manifest), ("sign-off record", record)):
        head = data.get("audit_head") if isinstance(data, dict) else None
        if isinstance(head, dict) and {"seq", "hash"} <= head.keys():
            anchors.append((f"the {where} of {path}", head))
        else:
            problems.append(
                f"{path}: the {where} carries no audit head (a bundle made before heads were added)"
            )
    return anchors, problems


def _verify(args) -> int:
    from reviews.audit.anchor import checkpoint_anchors, checkpoint_path, compare_with_anchors
    from reviews.audit.chain import verify_chain
    from reviews.store import open_store  # here, as above: SQLAlchemy and pandas, not needed for --help

    engine = open_store().engine
    chain = verify_chain(engine)
    anchors, problems = checkpoint_anchors()
    for path in args.bundle:
        found, trouble = _bundle_anchors(path)
        anchors += found
        problems += trouble
    anchored = compare_with_anchors(engine, anchors)
    problems = [str(p) for p in problems + anchored.problems]
    ok = chain.ok and not problems
    if args.json:
        print(
            json.dumps(
                {
                    **chain.to_dict(),
                    "ok": ok,
                    "chain_ok": chain.ok,
                    "checkpoint_file": str(checkpoint_path()),
                    "anchors_checked": anchored.checked,
                    "newest_anchor": anchored.newest
                    and {**anchored.newest, "where": str(anchored.newest["where"])},
                    "anchor_problems": problems,
                }
            )
        )
        return 0 if ok else 1
    if chain.ok:
        print(f"audit chain intact: {chain.events} events")
    else:
        print(f"audit chain BROKEN at event {chain.first_broken}: {chain.reason}")
    if anchored.checked == 0:
        print(f"no anchors to compare with (no checkpoint in {checkpoint_path()}, no --bundle)")
    elif not problems and anchored.newest is not None:
        print(f"matches {anchored.checked} anchor(s); newest at event {anchored.newest['seq']}")
    for problem in problems:
        print(f"ANCHOR MISMATCH: {problem}")
    return 0 if ok else 1


def _checkpoint(args) -> int:
    from reviews.audit.anchor import checkpoint_path, write_checkpoint
    from reviews.store import open_store

    point = write_checkpoint(open_store().engine)
    print(f"checkpoint at event {point.seq} ({point.hash[:16]}...) appended to {checkpoint_path()}")
    return 0
