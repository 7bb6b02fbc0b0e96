"""A column of whole numbers (years, codes) is written without thousands separators in the profile;
decimals and counts keep them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synth.profile import profile_table
from ui.profile_column_detail import statistics
from ui.profile_columns import number_table, whole_number_columns


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(4)
    years = rng.integers(1990, 2011, 400)
    gappy = years.astype(float)
    gappy[::7] = np.nan  # integers with gaps, read as decimals
    return pd.DataFrame(
        {
            "year": years,
            "year_gaps": gappy,
            "income": rng.uniform(20_000, 90_000, 400).round(2),
            "flag": rng.integers(0, 2, 400).astype(bool),
            "city": rng.choice(["Oslo", "Lima"], 400),
        }
    )


def test_whole_number_columns_are_integers_and_decimals_without_a_fraction():
    assert whole_number_columns(_frame()) == {"year", "year_gaps"}


def test_years_have_no_thousands_separator_and_decimals_keep_theirs():
    frame = _frame()
    profile = profile_table(frame).to_dict()
    table, _config = number_table(profile, whole_number_columns(frame))
    rows = table.set_index("Column")
    for column in ("year", "year_gaps"):
        low, high = frame[column].min(), frame[column].max()
        assert (rows.loc[column, "Minimum"], rows.loc[column, "Maximum"]) == (f"{low:.0f}", f"{high:.0f}")
        assert "," not in "".join(rows.loc[column, ["Mean", "Middle half (25–75 %)"]])
    assert "," in rows.loc["income", "Minimum"] and "," in rows.loc["income", "Mean"]
    # Five significant digits, as every number in the profile.
    assert float(rows.loc["income", "Maximum"].replace(",", "")) == pytest.approx(
        frame["income"].max(), rel=1e-4
    )

    year = next(c for c in profile["columns"] if c["name"] == "year")
    shown = dict(statistics(year, None, grouped=False))
    assert shown["Minimum"] == f"{frame['year'].min()}" and "," not in shown["Median"]
    assert dict(statistics(year, None))["Minimum"] == f"{frame['year'].min():,}"  # grouped by default
