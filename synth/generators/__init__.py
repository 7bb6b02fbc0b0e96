"""Generators by name: ``make_generator("rules", seed=1)``.

``rules`` is hand-written and fast (``synth.generators.rules``); ``gaussian_copula``, ``ctgan``,
``tvae`` and ``copulagan`` are SDV 2.0 synthesizers (``synth.generators.sdv_models``); ``mst`` is
differentially private, from SmartNoise Synth (``synth.generators.dp_mst``), and takes ε, δ and
an optional declared domain. All follow ``synth.generators.base.Generator``.
"""

from __future__ import annotations

from synth.errors import InputError
from synth.generators.base import Generator, Progress
from synth.generators.dp_budget import DP_GENERATORS, check_budget, check_domain, with_defaults
from synth.generators.rules import RulesGenerator
from synth.i18n import Msg

GENERATOR_NAMES = ("rules", "gaussian_copula", "ctgan", "tvae", "copulagan", *DP_GENERATORS)
DEEP_GENERATORS = ("ctgan", "tvae", "copulagan")

__all__ = ["DEEP_GENERATORS", "DP_GENERATORS", "GENERATOR_NAMES", "Generator", "Progress", "make_generator"]


def make_generator(
    name: str,
    *,
    seed: int,
    epochs: int | None = None,
    batch_size: int | None = None,
    epsilon: float | None = None,
    delta: float | None = None,
    domain: dict | None = None,
) -> Generator:
    """Build the generator called ``name``; ``epochs``/``batch_size`` apply to deep models,
    ``epsilon``/``delta``/``domain`` to DP ones (defaults ε = 1, δ = 1e-6)."""
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
    if name in DP_GENERATORS:
        epsilon, delta = with_defaults(name, epsilon, delta)
        check_budget(name, epsilon, delta)
        # Imported here: smartnoise-synth brings jax, and no other generator needs it.
        from synth.generators.dp_mst import MstGenerator

        return MstGenerator(seed=seed, epsilon=epsilon, delta=delta, domain=check_domain(domain))
    check_budget(name, epsilon, delta)
    if domain:
        raise InputError(Msg("a declared domain applies only to a differentially private generator"))
    if name == "rules":
        return RulesGenerator(seed=seed)
    # Imported here: SDV and torch take seconds to import, and rules needs neither.
    from synth.generators.sdv_models import SdvGenerator

    return SdvGenerator(name, seed=seed, epochs=epochs, batch_size=batch_size)
