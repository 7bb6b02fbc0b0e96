"""Subcommands of ``python -m synth``, one module each, each exposing ``register(subparsers)``."""
