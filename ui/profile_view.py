"""Render a stored table profile: summary, columns, charts, PII, quality findings, outliers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.charts.profile import distribution_chart, distribution_summary, missingness_chart
from synth.i18n import stored_message
from synth.profile.quality import FINDING_FIELDS
from ui.i18n import _
from ui.plain import md
from ui.tables import translated


def render_profile(profile: dict, frame: pd.DataFrame, key: str) -> None:
    """Show ``profile`` (``TableProfile.to_dict()``) with charts drawn from ``frame``."""
    quality = profile.get("quality", {})
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("Rows"), f"{profile['rows']:,}")
    c2.metric(_("Columns"), len(profile["columns"]))
    c3.metric(_("Quality score"), f"{quality.get('score', 0):.0f} / 100")
    c4.metric(_("PII columns"), sum(1 for c in profile["columns"] if c.get("pii")))

    st.markdown("#### " + _("Columns"))
    columns = pd.DataFrame(profile["columns"])
    if "top_values" in columns:  # [[value, count], ...] would mix types in one Arrow column
        columns["top_values"] = columns["top_values"].map(_top_values_text)
    st.dataframe(translated(columns, values=["type", "pii"]), hide_index=True, key=f"{key}_columns")

    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            missingness_chart(profile, _("Missing share per column"), translate=_), key=f"{key}_missing"
        )
        st.caption(_("Text alternative: the column table above lists each missing share."))
    with right:
        names = [c["name"] for c in profile["columns"]]
        types = {c["name"]: c["type"] for c in profile["columns"]}
        column = st.selectbox(_("Distribution of column"), names, key=f"{key}_column")
        title = _("Distribution of {column}").format(column=column)
        st.plotly_chart(
            distribution_chart(frame[column], types[column], title, translate=_), key=f"{key}_dist"
        )
        st.caption(md(distribution_summary(frame[column], types[column], translate=_)))

    pii = [c for c in profile["columns"] if c.get("pii")]
    st.markdown("#### " + _("Personal data found by value"))
    if pii:
        st.warning(
            _("These columns hold personal data; generators never learn or copy them:")
            + " "
            + ", ".join(f"{md(c['name'])} ({md(_(c['pii']))})" for c in pii)
        )
    else:
        st.success(_("No column holds values that look like personal data."))
    quasi = [c["name"] for c in profile["columns"] if c.get("quasi_identifier")]
    if quasi:
        st.info(
            _("Quasi-identifiers (could re-identify people in combination):")
            + " "
            + ", ".join(md(name) for name in quasi)
        )

    st.markdown("#### " + _("Quality findings"))
    findings = quality.get("findings", [])
    if findings:
        rows = pd.DataFrame(
            [{**f, "detail": stored_message(f, "detail")} for f in findings], columns=list(FINDING_FIELDS)
        )
        st.dataframe(translated(rows, values=["kind", "detail"]), hide_index=True, key=f"{key}_findings")
    else:
        st.success(_("No quality problems found."))

    st.markdown("#### " + _("Outliers and rare values"))
    details = profile.get("outlier_details")
    # One row per checked column (``outlier_details`` is keyed by column; without it, only counts).
    rows = (
        list(details.values())
        if details
        else [{"column": k, "count": v} for k, v in profile.get("outliers", {}).items()]
    )
    st.dataframe(translated(pd.DataFrame(rows), values=["method"]), hide_index=True, key=f"{key}_outliers")


def _top_values_text(pairs) -> str:
    """``Yes (4,334), No (892)``."""
    return ", ".join(f"{value} ({count:,})" for value, count in pairs or [])
