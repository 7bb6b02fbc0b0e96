"""Command line: ``python -m synth {profile,generate,evaluate,collapse,curate}``.

Each subcommand lives in ``synth/commands/<name>.py`` and exposes ``register(subparsers)``;
the parser it adds sets ``func(args) -> int``. A ``SynthError`` becomes one line on stderr
and exit code 2, so a user never sees a traceback.
"""

from __future__ import annotations

from synth.cli import exit_now, run_cli

COMMANDS = ("profile", "generate", "evaluate", "collapse", "curate")


if __name__ == "__main__":
    exit_now(run_cli("synth", COMMANDS, package="synth.commands"))
