"""Subcommands of ``python -m reviews``, one module each, each exposing ``register(subparsers)``."""

from __future__ import annotations

from collections.abc import Sequence

from reviews.errors import ReviewsError
from synth.cli import run_cli
from synth.errors import SynthError

COMMANDS = ("users", "audit", "rank-fit", "curate", "export", "verify-bundle", "key", "datasets", "worker")


def main(argv: Sequence[str] | None = None, commands: Sequence[str] = COMMANDS) -> int:
    """Run ``python -m reviews``: the project's errors are exit 2, a bug is exit 1."""
    return run_cli(
        "reviews", commands, package="reviews.cli", argv=argv, user_errors=(SynthError, ReviewsError)
    )
