"""Shared runner for the ``synth`` and ``reviews`` command lines.

The caller names the error types that mean "the user must fix something" (``synth`` passes
``SynthError``, ``reviews`` adds ``ReviewsError``), so this module never imports upwards.
Those, and an unreadable file, are one line on stderr and exit 2. Anything else is a bug:
one line naming a log file that holds the traceback, and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from synth.errors import SynthError


def _log_bug(prog: str, exc: BaseException) -> Path:
    path = Path(tempfile.gettempdir()) / f"{prog}-error-{time.strftime('%Y%m%d-%H%M%S')}.log"
    path.write_text("".join(traceback.format_exception(exc)))
    return path


def run_cli(
    prog: str,
    commands: Sequence[str],
    package: str,
    argv: Sequence[str] | None = None,
    user_errors: tuple[type[BaseException], ...] = (SynthError,),
) -> int:
    """Parse ``argv``, dispatch to the chosen command module and map errors to exit codes."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    given = list(sys.argv[1:] if argv is None else argv)
    # A named command needs only its own module: each imports what its options list, and the
    # others' imports would only delay it. Without one, all are registered for the overview.
    wanted = given[:1] if given and given[0] in commands else commands
    for name in wanted:
        importlib.import_module(f"{package}.{name.replace('-', '_')}").register(subparsers)
    args = parser.parse_args(given)
    try:
        return int(args.func(args) or 0)
    except (*user_errors, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not the user's doing: say so, keep the details
        log = _log_bug(prog, exc)
        print(
            f"error: unexpected {type(exc).__name__} (a bug, please report it); details in {log}",
            file=sys.stderr,
        )
        return 1


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` without tearing the interpreter down.

    Teardown only frees memory the system frees anyway, and with numpy, pandas and pyarrow
    loaded it takes 0.1-0.2 s: a tenth of ``synth generate --generator rules``. The commands
    close every file they write as they write it; only the standard streams still hold text.
    """
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or stream: nothing more can reach it.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
