"""One column of a profile, on demand: its distribution, formatted statistics and the outliers found."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.charts.profile import distribution_chart, distribution_summary
from synth.numbers import readable, readable_share
from synth.profile.values import is_integer_valued
from ui.i18n import _
from ui.plain import fmt, md
from ui.profile_columns import column_value
from ui.profile_terms import term

# Columns whose values are keys or free text: a bar per value would show nothing.
_NO_CHART_TYPES = ("id", "text")


def render_column_detail(profile: dict, frame: pd.DataFrame, key: str) -> None:
    names = [c["name"] for c in profile["columns"]]
    name = st.selectbox(_("Look at one column"), names, key=f"{key}_column")
    column = next(c for c in profile["columns"] if c["name"] == name)
    outliers = (profile.get("outlier_details") or {}).get(name)
    grouped = not is_integer_valued(frame[name])  # years and codes read "1997", not "1,997"
    chart, numbers = st.columns([3, 2])
    with chart:
        if column["type"] in _NO_CHART_TYPES:
            st.info(
                fmt(
                    _(
                        "{column} holds {kind} values ({n} distinct): they are not profiled as "
                        "numbers or categories, so there is no distribution to draw."
                    ),
                    column=name,
                    kind=term(column.get("pii") or column["type"]),
                    n=readable(column["distinct"]),
                )
            )
        else:
            title = _("Distribution of {column}").format(column=name)
            st.plotly_chart(
                distribution_chart(frame[name], column["type"], title, translate=_), key=f"{key}_dist"
            )
            st.caption(md(distribution_summary(frame[name], column["type"], translate=_)))
    with numbers:
        st.dataframe(
            pd.DataFrame(statistics(column, outliers, grouped), columns=[_("Statistic"), _("Value")]),
            hide_index=True,
            width="stretch",
            key=f"{key}_stats",
        )
        _render_outliers(outliers, grouped)


def statistics(column: dict, outliers: dict | None, grouped: bool = True) -> list[tuple[str, str]]:
    """``(label, formatted value)`` for what the profile knows of ``column``.

    ``grouped``: the column's own values with thousands separators (not for whole numbers).
    """
    rows = [
        (_("Type"), term(column["type"])),
        (_("Missing"), readable_share(column["missing_share"])),
        (_("Distinct values"), readable(column["distinct"])),
    ]
    if column.get("pii"):
        rows.append((_("Personal data"), term(column["pii"])))
    if column.get("minimum") is not None:
        rows += [
            (_("Minimum"), column_value(column["minimum"], grouped)),
            (_("Maximum"), column_value(column["maximum"], grouped)),
        ]
    if column.get("mean") is not None:
        rows += [
            (_("Mean"), readable(column["mean"], grouped=grouped)),
            (_("Standard deviation"), readable(column["std"], grouped=grouped)),
        ]
    quantiles = column.get("quantiles") or {}
    for key, label in (("p25", _("Lower quartile")), ("p50", _("Median")), ("p75", _("Upper quartile"))):
        if key in quantiles:
            rows.append((label, readable(quantiles[key], grouped=grouped)))
    if outliers:
        rows.append((_("Outliers found"), readable(outliers["count"])))
    return rows


def _render_outliers(outliers: dict | None, grouped: bool) -> None:
    if not outliers:
        return
    method = term(outliers["method"])
    if not outliers["count"]:
        st.caption(fmt(_("No outliers by {method}."), method=method))
    elif outliers.get("lower") is not None:
        st.caption(
            fmt(
                _("{n} rows outside {low} – {high} ({method}); most extreme: {examples}."),
                n=readable(outliers["count"]),
                low=readable(outliers["lower"], grouped=grouped),
                high=readable(outliers["upper"], grouped=grouped),
                method=method,
                examples=", ".join(readable(v, grouped=grouped) for v in outliers.get("examples", [])[:5]),
            )
        )
    else:
        st.caption(
            fmt(
                _("{n} rows hold rare values ({method}): {values}."),
                n=readable(outliers["count"]),
                method=method,
                values=", ".join(str(v) for v in outliers.get("rare_values", [])[:8]),
            )
        )
