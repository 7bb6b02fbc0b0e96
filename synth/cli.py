"""Shared runner for the ``synth`` and ``reviews`` command lines."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from synth.errors import SynthError


def _user_errors() -> tuple[type[BaseException], ...]:
    # reviews depends on synth, never the reverse; look it up lazily so synth stays standalone.
    try:
        from reviews.errors import ReviewsError
    except ImportError:
        return (SynthError,)
    return (SynthError, ReviewsError)


def run_cli(prog: str, commands: Sequence[str], package: str, argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, dispatch to the chosen command module and map user errors to exit 2."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in commands:
        importlib.import_module(f"{package}.{name.replace('-', '_')}").register(subparsers)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except _user_errors() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
