"""The formal privacy guarantee a dataset carries, described the same way everywhere.

A differentially private generator records its guarantee in the lineage (``privacy``: ε, δ,
unit of privacy, mechanism, library and version, what preprocessing spent). The evaluation
carries it beside the empirical privacy numbers, so Compare, the HTML report and the sign-off
checklist all say the same sentence.
"""

from __future__ import annotations

from synth.i18n import N_, Msg, word


def describe_guarantee(guarantee: dict | None) -> Msg | str:
    """One sentence: the (ε, δ) guarantee and where it comes from, or that there is none."""
    if not guarantee:
        return N_("No formal guarantee: the generator is not differentially private.")
    return Msg(
        "({epsilon:g}, {delta:g})-differential privacy per {unit} ({mechanism}, {library} {version}); "
        "preprocessing spent epsilon {spent:g} of it.",
        epsilon=guarantee["epsilon"],
        delta=guarantee["delta"],
        unit=word(guarantee["unit_of_privacy"]),
        mechanism=guarantee["mechanism"],
        library=guarantee["library"],
        version=guarantee["library_version"],
        spent=guarantee["preprocessing"]["epsilon"],
    )
