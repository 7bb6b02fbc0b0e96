"""``python -m reviews key show``: the workspace's public signing key and its fingerprint.

Publish both (a website, an e-mail signature, a printed page) so that whoever receives a
bundle can check it against a key that did not come in the bundle itself:
``key show --pem > KEY.pem``, then ``verify-bundle B.zip --public-key KEY.pem``.
"""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("key", help="the workspace's public signing key")
    actions = parser.add_subparsers(dest="key_action", required=True)
    show = actions.add_parser("show", help="print the public key (PEM) and its SHA-256 fingerprint")
    show.add_argument("--pem", action="store_true", help="print only the PEM, to save it as a file")
    show.set_defaults(func=_show)


def _show(args) -> int:
    from reviews.workspace.signing import fingerprint, public_key_pem  # cryptography: not for --help

    pem = public_key_pem()
    if not args.pem:
        print(f"fingerprint sha256:{fingerprint(pem)}")
    print(pem.decode("ascii"), end="")
    return 0
