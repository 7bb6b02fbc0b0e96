"""A generation's view of its source gives the same PII columns and outliers as the full profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.intake import read_table
from synth.profile import IQR, MAD, profile_table, source_facts


def _constructed() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    rows = 400
    income = rng.lognormal(10, 0.4, rows)
    income[:6] = [1e7, 2e7, 5.0, 3e7, 9e6, 1.0]  # far outside any fence
    return pd.DataFrame(
        {
            "email": [f"person{i}@example.org" for i in range(rows)],
            "phone": [f"138{i:08d}" for i in range(rows)],
            "income": income,
            "city": rng.choice(["Lyon", "Paris", "Nice", "Brest"], rows, p=[0.5, 0.3, 0.198, 0.002]),
            "member": rng.choice([True, False], rows),
            "joined": pd.date_range("2020-01-01", periods=rows, freq="D"),
        }
    )


def _same(frame: pd.DataFrame, method: str) -> None:
    profile = profile_table(frame, outlier_method=method)
    facts = source_facts(frame, outlier_method=method)
    assert facts.pii_columns == profile.pii_columns()
    assert facts.outliers == profile.outliers


@pytest.mark.parametrize("method", [IQR, MAD])
def test_a_constructed_table_with_personal_data_and_outliers(method):
    frame = _constructed()
    _same(frame, method)
    facts = source_facts(frame, outlier_method=method)
    assert facts.pii_columns == {"email": "email", "phone": "phone"}
    assert facts.outliers["income"].count >= 6 and facts.outliers["city"].count > 0


@pytest.mark.parametrize("name", ["adult.csv", "german_credit.csv", "bank.csv"])
def test_public_datasets(datasets_dir, name):
    path = datasets_dir / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    _same(read_table(path).frame, IQR)


def test_the_same_refusals():
    frame = pd.DataFrame([[1, 2]], columns=["a", "a"])
    for call in (profile_table, source_facts):
        with pytest.raises(InputError, match="more than once"):
            call(frame)
        with pytest.raises(InputError, match="unknown outlier method"):
            call(frame.set_axis(["a", "b"], axis=1), outlier_method="zscore")


def test_column_names_that_are_not_text_are_read_as_text():
    frame = _constructed()
    renamed = frame.set_axis([0, np.str_("phone"), 2.5, "city", 4, "joined"], axis=1)
    facts = source_facts(renamed)
    assert facts.pii_columns == {"0": "email", "phone": "phone"}
    assert set(facts.outliers) == {"2.5", "city", "4"}
    assert list(renamed.columns) == [0, "phone", 2.5, "city", 4, "joined"]
    _same(renamed, IQR)
