"""Realistic fake values for PII columns, seeded, never equal to a real value.

PII columns are dropped before a generator is fitted, so nothing about them is learned;
this module fills them back with Faker values of the same kind.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.i18n import Msg
from synth.profile.pii import (
    CN_RESIDENT_ID,
    CREDIT_CARD,
    EMAIL,
    IP_ADDRESS,
    PERSON_NAME,
    PHONE,
    PII_KINDS,
)

# One maker per kind the profiler finds: its list (synth.profile.pii.PII_KINDS) is the only one.
_MAKERS = {
    EMAIL: ("en_US", lambda f: f.email()),
    PHONE: ("en_US", lambda f: f.phone_number()),
    CN_RESIDENT_ID: ("zh_CN", lambda f: f.ssn()),
    CREDIT_CARD: ("en_US", lambda f: f.credit_card_number()),
    IP_ADDRESS: ("en_US", lambda f: f.ipv4()),
    PERSON_NAME: ("en_US", lambda f: f.name()),
}


def fake_values(kind: str, n: int, *, seed: int, avoid: set | frozenset = frozenset()) -> np.ndarray:
    """``n`` fake values of ``kind`` (see ``PII_KINDS``), none of them in ``avoid``.

    Raises:
        InputError: unknown kind.
    """
    if kind not in _MAKERS:
        raise InputError(
            Msg(
                "unknown PII kind {kind}; expected one of {kinds}",
                kind=repr(kind),
                kinds=", ".join(PII_KINDS),
            )
        )
    # Here, not at the top: Faker takes a tenth of a second to import, and most tables have no PII.
    from faker import Faker

    locale, make = _MAKERS[kind]
    faker = Faker(locale)
    faker.seed_instance(seed)
    avoid_text = {str(v) for v in avoid}
    values = []
    while len(values) < n:
        value = make(faker)
        if value not in avoid_text:
            values.append(value)
    return np.array(values, dtype=object)


def fill_pii(
    synthetic: pd.DataFrame,
    real: pd.DataFrame,
    pii_columns: Mapping[str, str],
    *,
    seed: int,
    column_order: list[str] | None = None,
) -> pd.DataFrame:
    """Add each PII column to ``synthetic`` with fakes of its kind, avoiding every real value.

    Missing real values stay missing at the same rate (drawn at random, seeded).
    """
    out = synthetic.copy()
    rng = np.random.default_rng(seed)
    for offset, (column, kind) in enumerate(sorted(pii_columns.items())):
        real_values = real[column] if column in real.columns else pd.Series(dtype=object)
        values = fake_values(kind, len(out), seed=seed + offset, avoid=set(real_values.dropna().astype(str)))
        missing_rate = float(real_values.isna().mean()) if len(real_values) else 0.0
        series = pd.Series(values, index=out.index, dtype=object)
        series[rng.random(len(out)) < missing_rate] = np.nan
        out[column] = series
    if column_order is not None:
        out = out[
            [c for c in column_order if c in out.columns] + [c for c in out.columns if c not in column_order]
        ]
    return out
