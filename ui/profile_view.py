"""Render a stored table profile: summary, columns, charts, PII, quality findings, outliers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.charts.profile import distribution_chart, distribution_summary, missingness_chart
from ui.i18n import _


def render_profile(profile: dict, frame: pd.DataFrame, key: str) -> None:
    """Show ``profile`` (``TableProfile.to_dict()``) with charts drawn from ``frame``."""
    quality = profile.get("quality", {})
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("Rows"), f"{profile['rows']:,}")
    c2.metric(_("Columns"), len(profile["columns"]))
    c3.metric(_("Quality score"), f"{quality.get('score', 0):.0f} / 100")
    c4.metric(_("PII columns"), sum(1 for c in profile["columns"] if c.get("pii")))

    st.markdown("#### " + _("Columns"))
    st.dataframe(pd.DataFrame(profile["columns"]), hide_index=True, key=f"{key}_columns")

    left, right = st.columns(2)
    with left:
        st.plotly_chart(missingness_chart(profile, _("Missing share per column")), key=f"{key}_missing")
        st.caption(_("Text alternative: the column table above lists each missing share."))
    with right:
        names = [c["name"] for c in profile["columns"]]
        types = {c["name"]: c["type"] for c in profile["columns"]}
        column = st.selectbox(_("Distribution of column"), names, key=f"{key}_column")
        st.plotly_chart(distribution_chart(frame[column], types[column], _("Distribution of {column}").format(column=column)),
                        key=f"{key}_dist")
        st.caption(distribution_summary(frame[column], types[column]))

    pii = [c for c in profile["columns"] if c.get("pii")]
    st.markdown("#### " + _("Personal data found by value"))
    if pii:
        st.warning(_("These columns hold personal data; generators never learn or copy them:") + " "
                   + ", ".join(f"{c['name']} ({c['pii']})" for c in pii))
    else:
        st.success(_("No column holds values that look like personal data."))
    quasi = [c["name"] for c in profile["columns"] if c.get("quasi_identifier")]
    if quasi:
        st.info(_("Quasi-identifiers (could re-identify people in combination):") + " " + ", ".join(quasi))

    st.markdown("#### " + _("Quality findings"))
    findings = quality.get("findings", [])
    if findings:
        st.dataframe(pd.DataFrame(findings), hide_index=True, key=f"{key}_findings")
    else:
        st.success(_("No quality problems found."))

    st.markdown("#### " + _("Outliers and rare values"))
    details = profile.get("outlier_details") or [{"column": k, "count": v} for k, v in profile.get("outliers", {}).items()]
    st.dataframe(pd.DataFrame(details), hide_index=True, key=f"{key}_outliers")
