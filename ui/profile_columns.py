"""The profile's column table, for people: translated headers, formatted numbers, blanks for
nothing, and each number column's quantiles as a small line instead of JSON."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.numbers import readable
from ui.i18n import _
from ui.profile_terms import term

QUANTILE_KEYS = ("p01", "p05", "p25", "p50", "p75", "p95", "p99")


def column_table(profile: dict) -> tuple[pd.DataFrame, dict]:
    """The rows people read, and the ``column_config`` that draws them."""
    rows = [_row(column) for column in profile["columns"]]
    headers = {
        "name": _("Column"),
        "type": _("Type"),
        "missing": _("Missing"),
        "distinct": _("Distinct values"),
        "pii": _("Personal data"),
        "quasi": _("Quasi-identifier"),
        "minimum": _("Minimum"),
        "maximum": _("Maximum"),
        "mean": _("Mean"),
        "std": _("Standard deviation"),
        "middle": _("Middle half (25–75 %)"),
        "quantiles": _("Quantiles 1–99 %"),
        "top": _("Most frequent values"),
    }
    frame = pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)
    config = {
        headers["missing"]: st.column_config.ProgressColumn(
            headers["missing"], format="%.1f %%", min_value=0, max_value=100, width="small"
        ),
        headers["distinct"]: st.column_config.NumberColumn(headers["distinct"], format="localized"),
        headers["quasi"]: st.column_config.CheckboxColumn(headers["quasi"], width="small"),
        headers["quantiles"]: st.column_config.LineChartColumn(
            headers["quantiles"],
            help=_("The 1, 5, 25, 50, 75, 95 and 99 % quantiles, left to right; each row on its own scale."),
        ),
        headers["top"]: st.column_config.TextColumn(headers["top"], width="large"),
    }
    return frame, config


def _row(column: dict) -> dict:
    quantiles = column.get("quantiles") or {}
    numbers = column.get("mean") is not None
    return {
        "name": column["name"],
        "type": term(column["type"]),
        "missing": round(100 * column["missing_share"], 1),
        "distinct": column["distinct"],
        "pii": term(column.get("pii")),
        "quasi": bool(column.get("quasi_identifier")),
        "minimum": _bound(column.get("minimum")),
        "maximum": _bound(column.get("maximum")),
        "mean": readable(column.get("mean")) if numbers else "",
        "std": readable(column.get("std")) if numbers else "",
        "middle": f"{readable(quantiles['p25'])} – {readable(quantiles['p75'])}" if quantiles else "",
        "quantiles": [quantiles[k] for k in QUANTILE_KEYS if k in quantiles] or None,
        "top": "" if column["type"] == "id" else top_values_text(column.get("top_values")),
    }


def _bound(value) -> str:
    if isinstance(value, str):  # a date in ISO form; midnight says nothing
        return value.removesuffix("T00:00:00")
    return readable(value)


def top_values_text(pairs) -> str:
    """``Yes (4,334), No (892)``."""
    return ", ".join(f"{value} ({count:,})" for value, count in pairs or [])
