"""Columns of phone, ID and card numbers are typed as identifiers by value, never profiled as numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.profile import profile_table

N = 400


def _luhn_complete(body: str) -> str:
    """``body`` with the Luhn check digit appended (the published mod-10 rule)."""
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:  # doubled: these sit at odd positions once the check digit is added
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return body + str((10 - total % 10) % 10)


def _resident_id(body: str) -> str:
    """``body`` (17 digits) with its ISO 7064 MOD 11-2 check character."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(20)
    mobiles = rng.integers(13_000_000_000, 19_999_999_999, N)  # 11-digit Chinese mobiles, as numbers
    ids = [
        _resident_id(
            f"{rng.integers(110000, 659999)}{rng.integers(1950, 2005)}"
            f"{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}{rng.integers(0, 999):03d}"
        )
        for _ in range(N)
    ]
    cards = [int(_luhn_complete(f"4{rng.integers(10**13, 10**14 - 1)}")) for _ in range(N)]
    return pd.DataFrame(
        {
            "contact": mobiles,
            "citizen_no": ids,
            "card": pd.array(cards, dtype="int64"),
            "amount": rng.normal(100, 15, N),
        }
    )


@pytest.fixture(scope="module")
def profile(frame):
    return profile_table(frame)


@pytest.mark.parametrize(
    "column, kind", [("contact", "phone"), ("citizen_no", "cn_resident_id"), ("card", "credit_card")]
)
def test_identifier_values_are_typed_as_identifiers(profile, column, kind):
    entry = profile.column(column)
    assert entry.pii == kind
    assert entry.type == "id"
    assert entry.direct_identifier
    # No statistics of numbers, and no IQR outliers, for keys.
    assert entry.mean is None and entry.std is None and entry.quantiles is None
    assert column not in profile.outliers


def test_measurements_stay_numbers(profile, frame):
    amount = profile.column("amount")
    assert amount.type == "numerical" and amount.pii is None
    assert amount.mean == pytest.approx(float(frame["amount"].mean()))
