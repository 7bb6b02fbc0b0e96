"""``--help`` of the command lines answers without the statistics, generator and database stacks.

Each command runs in a fresh interpreter, so ``sys.modules`` holds exactly what answering it
imported. Those stacks take seconds to import on a small machine, and a person asking for help
should not wait for them: each command imports them when it runs.
"""

from __future__ import annotations

import pytest

from tests.support.fresh_interpreter import probe

HEAVY = ("torch", "sdv", "scipy", "sklearn", "plotly", "sqlalchemy", "alembic")
PROBE = """
import contextlib, io, json, sys
from {module} import {function}
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):
    {function}({call})
print(json.dumps({{"help": out.getvalue(), "modules": sorted(sys.modules)}}))
"""


def imported_by(module: str, function: str, call: str) -> tuple[str, set[str]]:
    seen = probe(PROBE.format(module=module, function=function, call=call))
    return seen["help"], set(seen["modules"])


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    "argv", [["--help"], ["users", "--help"], ["audit", "verify", "--help"], ["export", "--help"]]
)
def test_reviews_help_imports_neither_pandas_nor_the_database_nor_cryptography(argv):
    shown, modules = imported_by("reviews.cli", "main", repr(argv))
    assert "usage: python -m reviews" in shown
    heavy = packages(modules) & {*HEAVY, "pandas", "pyarrow", "cryptography"}
    assert not heavy, sorted(heavy)


@pytest.mark.parametrize("argv", [["--help"], ["profile", "--help"], ["generate", "--help"]])
def test_synth_help_imports_no_statistics_or_generator_stack(argv):
    from synth.__main__ import COMMANDS

    shown, modules = imported_by("synth.cli", "run_cli", f"'synth', {COMMANDS!r}, 'synth.commands', {argv!r}")
    assert "usage: python -m synth" in shown
    heavy = packages(modules) & set(HEAVY)
    assert not heavy, sorted(heavy)


def test_a_named_command_loads_only_its_own_module():
    from synth.__main__ import COMMANDS

    _, modules = imported_by(
        "synth.cli", "run_cli", f"'synth', {COMMANDS!r}, 'synth.commands', ['profile', '--help']"
    )
    assert {name for name in modules if name.startswith("synth.commands.")} == {"synth.commands.profile"}
