"""Generators by name: ``make_generator("rules", seed=1)``.

``rules`` is hand-written and fast (``synth.generators.rules``); the others are SDV 2.0
synthesizers (``synth.generators.sdv_models``). All follow ``synth.generators.base.Generator``.
"""

from __future__ import annotations

from synth.errors import InputError
from synth.generators.base import Generator, Progress
from synth.generators.rules import RulesGenerator
from synth.i18n import Msg

GENERATOR_NAMES = ("rules", "gaussian_copula", "ctgan", "tvae", "copulagan")
DEEP_GENERATORS = ("ctgan", "tvae", "copulagan")

__all__ = ["DEEP_GENERATORS", "GENERATOR_NAMES", "Generator", "Progress", "make_generator"]


def make_generator(
    name: str, *, seed: int, epochs: int | None = None, batch_size: int | None = None
) -> Generator:
    """Build the generator called ``name``; ``epochs``/``batch_size`` apply to deep models."""
    if name not in GENERATOR_NAMES:
        raise InputError(
            Msg(
                "unknown generator {name}; choose one of {choices}",
                name=repr(name),
                choices=", ".join(GENERATOR_NAMES),
            )
        )
    for label, value in ((Msg("epochs"), epochs), (Msg("batch size"), batch_size)):
        if value is not None and (not isinstance(value, int) or value < 1):
            raise InputError(
                Msg("{setting} must be a whole number >= 1, got {value}", setting=label, value=repr(value))
            )
    if name == "rules":
        return RulesGenerator(seed=seed)
    # Imported here: SDV and torch take seconds to import, and rules needs neither.
    from synth.generators.sdv_models import SdvGenerator

    return SdvGenerator(name, seed=seed, epochs=epochs, batch_size=batch_size)
