"""The built-in demo dataset: Toronto marijuana-possession arrests, shipped with scikit-lego.

It loads offline from the installed ``sklego`` package, so the app works without a network.
"""

from __future__ import annotations

import pandas as pd

DEMO_NAME = "arrests"
DEMO_PROTECTED = ("colour", "sex")
DEMO_LABEL = "released"
DEMO_SOURCE = "scikit-lego (sklego.datasets.load_arrests), from the carData R package (Arrests)"
DEMO_DESCRIPTION = (
    "Arrests for simple possession of small quantities of marijuana in Toronto (5,226 people, "
    "1997-2002): whether the person was released with a summons (released), with their skin "
    "colour, sex, age, year of arrest, employment, citizenship and the number of police "
    "databases they appeared in (checks). Protected attributes: colour and sex; label: released."
)


def load_demo() -> pd.DataFrame:
    """Return the arrests table (5,226 rows, 8 columns) from the installed scikit-lego package."""
    from sklego.datasets import load_arrests

    return load_arrests(as_frame=True).reset_index(drop=True)
