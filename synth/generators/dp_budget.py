"""The privacy budget of a differentially private generator: defaults, checks, declared domains.

Kept apart from ``synth.generators.dp_mst`` so the CLI, the pages and the services can check
ε, δ and a declared domain without importing the DP libraries (jax takes seconds to load).

A *declared domain* is public knowledge about a column that costs no budget: the bounds of a
numeric column (``{"age": {"lower": 17, "upper": 90}}``) or the list of values of a categorical
one (``{"sex": {"categories": ["Female", "Male"]}}``). It must come from outside the data
(a codebook, the dataset's documentation, common knowledge), never from reading the table.
"""

from __future__ import annotations

import json
import math
import numbers
from pathlib import Path

from synth.errors import InputError
from synth.i18n import N_, Msg

DP_GENERATORS = ("mst",)
DEFAULT_EPSILON = 1.0
DEFAULT_DELTA = 1e-6
MAX_EPSILON = 100.0
MAX_DELTA = 1e-3
UNIT_OF_PRIVACY = N_("one row")
NEIGHBOURING = "add or remove one row"


def is_dp(generator: str) -> bool:
    """Whether ``generator`` gives a differential-privacy guarantee."""
    return generator in DP_GENERATORS


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def with_defaults(generator: str, epsilon, delta) -> tuple:
    """``(epsilon, delta)`` with the defaults filled in for a DP generator; unchanged for others."""
    if not is_dp(generator):
        return epsilon, delta
    return (DEFAULT_EPSILON if epsilon is None else epsilon, DEFAULT_DELTA if delta is None else delta)


def budget_problems(epsilon, delta) -> list[str]:
    """Every problem with an (ε, δ) budget, each saying how to fix it (empty when fine)."""
    problems = []
    eps = _number(epsilon)
    if eps is None or not 0 < eps <= MAX_EPSILON:
        problems.append(
            Msg(
                "epsilon must be a number above 0 and at most {most:g}, got {value}; smaller is more private "
                "(1.0 is a common choice)",
                most=MAX_EPSILON,
                value=repr(epsilon),
            )
        )
    d = _number(delta)
    if d is None or not 0 < d <= MAX_DELTA:
        problems.append(
            Msg(
                "delta must be a number above 0 and at most {most:g}, got {value}; it should be far below "
                "1 / (training rows), e.g. 1e-6",
                most=MAX_DELTA,
                value=repr(delta),
            )
        )
    return problems


def check_budget(generator: str, epsilon, delta) -> None:
    """Refuse ε/δ for a generator that has no guarantee, and a bad budget for one that has.

    Raises:
        InputError: every problem found, at once.
    """
    if not is_dp(generator):
        if epsilon is not None or delta is not None:
            raise InputError(
                Msg(
                    "epsilon and delta apply only to a differentially private generator ({choices}); "
                    "{name} gives no such guarantee",
                    choices=", ".join(DP_GENERATORS),
                    name=generator,
                )
            )
        return
    problems = budget_problems(epsilon, delta)
    if problems:
        raise InputError(problems)


def domain_problems(domain) -> list[str]:
    """Every problem with a declared domain (see the module docstring)."""
    if domain is None:
        return []
    if not isinstance(domain, dict):
        return [Msg("the declared domain must map column names to bounds or categories")]
    problems = []
    for column, spec in domain.items():
        if not isinstance(spec, dict):
            problems.append(Msg("declared domain of {column}: give an object", column=repr(column)))
            continue
        if "categories" in spec:
            values = spec["categories"]
            if not isinstance(values, list) or not values or len(set(map(str, values))) != len(values):
                problems.append(
                    Msg(
                        "declared domain of {column}: categories must be a non-empty list of distinct values",
                        column=repr(column),
                    )
                )
            continue
        lower, upper = _number(spec.get("lower")), _number(spec.get("upper"))
        if lower is None or upper is None or not lower < upper:
            problems.append(
                Msg(
                    "declared domain of {column}: give numeric lower < upper, or a list of categories",
                    column=repr(column),
                )
            )
    return problems


def check_domain(domain) -> dict:
    """The declared domain, checked (an empty dict for none).

    Raises:
        InputError: every problem found, at once.
    """
    problems = domain_problems(domain)
    if problems:
        raise InputError(problems)
    return dict(domain or {})


def read_domain(path: str | Path) -> dict:
    """A declared domain from a JSON file (``--domain FILE``).

    Raises:
        InputError: the file is missing, not JSON, or not a domain.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            Msg("cannot read the domain file {path} ({error})", path=str(path), error=str(exc))
        ) from exc
    except ValueError as exc:
        raise InputError(
            Msg("the domain file {path} is not JSON ({error})", path=str(path), error=str(exc))
        ) from exc
    return check_domain(data)
