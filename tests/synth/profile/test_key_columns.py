"""Distinct whole numbers are identifiers only when they number records or are personal data:
ages, incomes and counts stay numbers, even when unique and sorted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.profile import profile_column
from tests.synth.profile.test_identifier_values import _luhn_complete, _resident_id

RNG = np.random.default_rng(2026)
ROWS = 40


def _distinct(low: int, high: int, rows: int = ROWS) -> np.ndarray:
    return RNG.choice(np.arange(low, high), rows, replace=False)


def _iban() -> str:
    """A German IBAN: its check digits make the ISO 7064 MOD 97-10 remainder 1."""
    bban = f"{RNG.integers(10**7, 10**8)}{RNG.integers(10**9, 10**10)}"
    rearranged = int(bban + "131400")  # D=13, E=14, then "00" in place of the check digits
    return f"DE{98 - rearranged % 97:02d}{bban}"


MEASUREMENTS = {
    "ages, unique": _distinct(18, 90),
    "ages, unique and sorted": np.sort(_distinct(18, 90)),
    "ages, unique, sorted, one year apart": np.arange(18, 18 + ROWS),
    "ages with repeats": RNG.integers(18, 90, 400),
    "incomes, unique and sorted": np.sort(_distinct(18_000, 250_000)),
    "incomes of one width, unique and sorted": np.sort(_distinct(20_000, 99_999, 400)),
    "counts": RNG.poisson(3, 400),
    "counts, unique and sorted": np.sort(_distinct(0, 500)),
    "years, unique and sorted": np.sort(_distinct(1900, 2025)),
}
KEYS = {
    "row numbers from 0": np.arange(ROWS),
    "row numbers from 1, shuffled": RNG.permutation(np.arange(1, ROWS + 1)),
    "row numbers with deleted rows": np.append(1, np.sort(_distinct(2, 2 * ROWS, ROWS - 1))),
    "record numbers of one width": 100_230 + np.sort(_distinct(0, 2 * ROWS)),
    "record numbers, descending": 5_000 - np.arange(ROWS),
}


@pytest.mark.parametrize("case", MEASUREMENTS)
@pytest.mark.parametrize("as_text", [False, True], ids=["numbers", "text"])
def test_measurements_are_numbers_not_identifiers(case, as_text):
    values = pd.Series(MEASUREMENTS[case])
    column = profile_column("age", values.astype(str) if as_text else values)
    assert column.type != "id" and not column.direct_identifier
    if not as_text:
        assert column.type == "numerical"
        assert column.mean == pytest.approx(float(values.mean()))


@pytest.mark.parametrize("case", KEYS)
@pytest.mark.parametrize("as_text", [False, True], ids=["numbers", "text"])
def test_numberings_are_identifiers(case, as_text):
    values = pd.Series(KEYS[case])
    column = profile_column("n", values.astype(str) if as_text else values)
    assert column.type == "id" and column.direct_identifier and column.mean is None


def _personal_values() -> dict[str, pd.Series]:
    mobiles = RNG.integers(13_000_000_000, 19_999_999_999, ROWS)
    cards = [_luhn_complete(f"5{RNG.integers(10**13, 10**14 - 1)}") for _ in range(ROWS)]
    ids = [
        _resident_id(
            f"{RNG.integers(110000, 659999)}{RNG.integers(1950, 2005)}0{RNG.integers(1, 10)}1"
            f"{RNG.integers(0, 9)}{RNG.integers(100, 999)}"
        )
        for _ in range(ROWS)
    ]
    return {
        "Chinese mobiles as numbers": pd.Series(mobiles),
        "Chinese mobiles as text": pd.Series([f"+86 {m}" for m in mobiles]),
        "card numbers (Luhn) as numbers": pd.Series([int(c) for c in cards]),
        "card numbers (Luhn) with spaces": pd.Series(
            [" ".join(c[i : i + 4] for i in range(0, 16, 4)) for c in cards]
        ),
        "resident ID numbers": pd.Series(ids),
        "IBANs": pd.Series([_iban() for _ in range(ROWS)]),
        "account numbers of one width, as text": pd.Series([str(v) for v in _distinct(10**7, 10**8 - 1)]),
        "national ids with a leading zero": pd.Series([f"0{v}" for v in _distinct(10**6, 10**7 - 1)]),
    }


PERSONAL = _personal_values()


@pytest.mark.parametrize("case", PERSONAL)
def test_personal_and_account_numbers_are_identifiers(case):
    column = profile_column("contact", PERSONAL[case])
    assert column.type == "id" and column.direct_identifier
    assert column.mean is None and column.std is None and column.quantiles is None
