"""The profile's column tables, for people: translated headers that fit the page, formatted
numbers, blanks for nothing, and each number column's quantiles as a small line instead of JSON.

One table describes every column; a second gives the statistics of the columns that have a range
(numbers and dates), so neither needs scrolling sideways at 1440 pixels.

A column of whole numbers often holds years, codes or identifiers, so its values are written
without thousands separators ("1997", not "1,997"); counts and decimals keep them."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
import streamlit as st

from synth.numbers import readable
from synth.profile.values import is_integer_valued
from ui.i18n import _
from ui.profile_terms import term

QUANTILE_KEYS = ("p01", "p05", "p25", "p50", "p75", "p95", "p99")


# Widths in pixels: each table fits the page's 980-pixel column at 1440×900 with every header
# whole; the last column takes what is left.
_NAME_WIDTH = 170  # "other_installment_plans" whole


def column_table(profile: dict) -> tuple[pd.DataFrame, dict]:
    """Every column: what it holds and how complete it is. Returns the rows and their ``column_config``."""
    headers = {
        "name": _("Column"),
        "type": _("Type"),
        "missing": _("Missing"),
        "distinct": _("Distinct values"),
        "pii": _("Personal data"),
        "quasi": _("Quasi-identifier"),
        "top": _("Most frequent values"),
    }
    rows = [_overview_row(column) for column in profile["columns"]]
    frame = pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)
    config = {
        headers["name"]: st.column_config.TextColumn(headers["name"], width=_NAME_WIDTH),
        headers["type"]: st.column_config.TextColumn(headers["type"], width=80),
        headers["missing"]: st.column_config.ProgressColumn(
            headers["missing"], format="%.1f %%", min_value=0, max_value=100, width=80
        ),
        headers["distinct"]: st.column_config.NumberColumn(
            headers["distinct"], format="localized", width=110
        ),
        headers["pii"]: st.column_config.TextColumn(
            headers["pii"], width=130, help=_("Personal data found by value, never by the column's name.")
        ),
        headers["quasi"]: st.column_config.CheckboxColumn(
            headers["quasi"],
            width=120,
            help=_("Could re-identify a person in combination with other columns."),
        ),
        headers["top"]: st.column_config.TextColumn(
            headers["top"], help=_("The five most frequent values, with how often each occurs.")
        ),
    }
    return frame, config


def whole_number_columns(frame: pd.DataFrame) -> frozenset[str]:
    """The names of ``frame``'s number columns that hold only whole numbers (integers, or decimals
    without a fraction: a column of integers with gaps is read as decimals)."""
    return frozenset(str(name) for name in frame.columns if is_integer_valued(frame[name]))


def number_table(profile: dict, whole: Collection[str] = ()) -> tuple[pd.DataFrame, dict]:
    """The columns with a range (numbers and dates) and their statistics; empty when none has one.

    ``whole``: the columns of whole numbers, whose values are written without thousands separators.
    """
    headers = {
        "name": _("Column"),
        "minimum": _("Minimum"),
        "maximum": _("Maximum"),
        "mean": _("Mean"),
        "std": _("Standard deviation"),
        "middle": _("Middle half (25–75 %)"),
        "quantiles": _("Quantiles 1–99 %"),
    }
    ranged = [c for c in profile["columns"] if c.get("minimum") is not None]
    frame = pd.DataFrame(
        [_number_row(c, grouped=c["name"] not in whole) for c in ranged], columns=list(headers)
    ).rename(columns=headers)
    config = {
        headers["name"]: st.column_config.TextColumn(headers["name"], width=_NAME_WIDTH),
        headers["minimum"]: st.column_config.TextColumn(headers["minimum"], width=100),
        headers["maximum"]: st.column_config.TextColumn(headers["maximum"], width=100),
        headers["mean"]: st.column_config.TextColumn(headers["mean"], width=100),
        headers["std"]: st.column_config.TextColumn(headers["std"], width=140),
        headers["middle"]: st.column_config.TextColumn(
            headers["middle"], width=170, help=_("From the lower to the upper quartile.")
        ),
        headers["quantiles"]: st.column_config.LineChartColumn(
            headers["quantiles"],
            help=_("The 1, 5, 25, 50, 75, 95 and 99 % quantiles, left to right; each row on its own scale."),
        ),
    }
    return frame, config


def _overview_row(column: dict) -> dict:
    return {
        "name": column["name"],
        "type": term(column["type"]),
        "missing": round(100 * column["missing_share"], 1),
        "distinct": column["distinct"],
        "pii": term(column.get("pii")),
        "quasi": bool(column.get("quasi_identifier")),
        "top": "" if column["type"] == "id" else top_values_text(column.get("top_values")),
    }


def _number_row(column: dict, grouped: bool) -> dict:
    quantiles = column.get("quantiles") or {}
    numbers = column.get("mean") is not None
    return {
        "name": column["name"],
        "minimum": column_value(column.get("minimum"), grouped),
        "maximum": column_value(column.get("maximum"), grouped),
        "mean": readable(column.get("mean"), grouped=grouped) if numbers else "",
        "std": readable(column.get("std"), grouped=grouped) if numbers else "",
        "middle": (
            f"{readable(quantiles['p25'], grouped=grouped)} – {readable(quantiles['p75'], grouped=grouped)}"
            if quantiles
            else ""
        ),
        "quantiles": [quantiles[k] for k in QUANTILE_KEYS if k in quantiles] or None,
    }


def column_value(value, grouped: bool = True) -> str:
    """A value of a data column (a bound or a date) as people read it; see ``number_table``."""
    if isinstance(value, str):  # a date in ISO form; midnight says nothing
        return value.removesuffix("T00:00:00")
    return readable(value, grouped=grouped)


def top_values_text(pairs) -> str:
    """``Yes (4,334), No (892)``."""
    return ", ".join(f"{value} ({count:,})" for value, count in pairs or [])
