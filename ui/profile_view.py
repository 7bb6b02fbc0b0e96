"""Render a stored table profile as a report: an overview band with warnings as badges, the
column table, one column on demand, personal data, quality findings and outliers (norm 3)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth.charts.profile import missingness_chart
from synth.i18n import stored_message
from synth.numbers import readable, readable_share
from ui.i18n import _, tr
from ui.plain import fmt, md
from ui.profile_column_detail import render_column_detail
from ui.profile_columns import column_table, number_table, whole_number_columns
from ui.profile_terms import term
from ui.tables import show_whole


def render_profile(profile: dict, frame: pd.DataFrame, key: str) -> None:
    """Show ``profile`` (``TableProfile.to_dict()``) with charts drawn from ``frame``."""
    _overview(profile)
    whole = whole_number_columns(frame)  # years and codes read "1997", not "1,997"

    st.markdown("#### " + _("Columns"))
    table, config = column_table(profile)
    show_whole(table, config, key=f"{key}_columns")
    numbers, number_config = number_table(profile, whole)
    if not numbers.empty:
        st.markdown("#### " + _("Numbers and dates"))
        show_whole(numbers, number_config, key=f"{key}_numbers")

    st.markdown("#### " + _("One column"))
    render_column_detail(profile, frame, key)

    st.markdown("#### " + _("Missing values"))
    missing = [c for c in profile["columns"] if c["missing_share"] > 0]
    if missing:
        shown = {**profile, "columns": sorted(missing, key=lambda c: -c["missing_share"])}
        st.plotly_chart(
            missingness_chart(shown, _("Missing share per column"), translate=_), key=f"{key}_missing"
        )
        st.caption(
            _("Text alternative: the column table above lists each column's missing share.")
            + " "
            + ", ".join(
                fmt("{name} {share}", name=c["name"], share=readable_share(c["missing_share"]))
                for c in shown["columns"]
            )
        )
    else:
        st.success(_("No column has missing values."))

    _personal_data(profile)
    _findings(profile)
    _outliers(profile, key, whole)


def _overview(profile: dict) -> None:
    columns = profile["columns"]
    rows = profile["rows"]
    quality = profile.get("quality", {})
    findings = quality.get("findings", [])
    missing_cells = round(sum(c["missing_share"] for c in columns) * rows)
    duplicates = sum(f.get("count") or 0 for f in findings if f["kind"] == "duplicate_rows")
    cells = rows * len(columns)
    band = st.columns(7)
    band[0].metric(_("Rows"), readable(rows))
    band[1].metric(_("Columns"), readable(len(columns)))
    band[2].metric(
        _("Missing cells"),
        readable(missing_cells),
        readable_share(missing_cells / cells) if cells else None,
        delta_color="off",
        delta_arrow="off",
    )
    band[3].metric(_("Duplicate rows"), readable(duplicates))
    # The score alone: "100 / 100" does not fit a seventh of the page at 1440 pixels.
    score = f"{quality.get('score', 0):.0f}"
    band[4].metric(_("Quality score"), score, help=_("Out of 100: 100 means no problem found."))
    band[5].metric(_("PII columns"), readable(sum(1 for c in columns if c.get("pii"))))
    band[6].metric(_("Quasi-identifiers"), readable(sum(1 for c in columns if c.get("quasi_identifier"))))
    badges = [_badge(finding) for finding in findings]
    badges += [
        ":violet-badge[" + fmt("{column}: {kind}", column=c["name"], kind=term(c["pii"])) + "]"
        for c in columns
        if c.get("pii")
    ]
    if badges:
        st.markdown(" ".join(badges))  # plain-text: each badge's text is built by fmt
    else:
        st.markdown(":green-badge[" + _("No warnings") + "]")


def _badge(finding: dict) -> str:
    colour = "red" if finding["kind"] in ("impossible_value", "mixed_types") else "orange"
    if finding.get("column") is not None:
        text = fmt("{kind}: {column}", kind=term(finding["kind"]), column=finding["column"])
    else:
        text = fmt("{kind}: {n}", kind=term(finding["kind"]), n=readable(finding.get("count")))
    return f":{colour}-badge[{text}]"


def _personal_data(profile: dict) -> None:
    st.markdown("#### " + _("Personal data found by value"))
    pii = [c for c in profile["columns"] if c.get("pii")]
    if pii:
        st.warning(
            _("These columns hold personal data; generators never learn or copy them:")
            + " "
            + ", ".join(f"{md(c['name'])} ({md(term(c['pii']))})" for c in pii)
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


def _findings(profile: dict) -> None:
    st.markdown("#### " + _("Quality findings"))
    findings = profile.get("quality", {}).get("findings", [])
    if not findings:
        st.success(_("No quality problems found."))
        return
    for finding in findings:
        detail = tr(stored_message(finding, "detail"))
        if finding.get("column") is not None:
            line = fmt(
                "- **{kind}** ({column}): {detail}",
                kind=term(finding["kind"]),
                column=finding["column"],
                detail=detail,
            )
        else:
            line = fmt("- **{kind}**: {detail}", kind=term(finding["kind"]), detail=detail)
        st.markdown(line)  # plain-text: built by fmt above


def _outliers(profile: dict, key: str, whole: frozenset[str]) -> None:
    st.markdown("#### " + _("Outliers and rare values"))
    details = profile.get("outlier_details") or {}
    rows = [_outlier_row(d, grouped=d["column"] not in whole) for d in details.values()]
    if not rows:
        st.info(_("No column was checked for outliers: the table has no number or category columns."))
        return
    if not any(d["count"] for d in details.values()):
        st.success(_("No outliers or rare values found."))
    show_whole(pd.DataFrame(rows), {}, key=f"{key}_outliers")


def _outlier_row(detail: dict, grouped: bool) -> dict:
    def value(v) -> str:
        return str(v) if isinstance(v, str) else readable(v, grouped=grouped)

    return {
        _("Column"): detail["column"],
        _("Method"): term(detail["method"]),
        _("Rows flagged"): detail["count"],
        _("Normal range"): f"{value(detail['lower'])} – {value(detail['upper'])}"
        if detail.get("lower") is not None
        else "",
        _("Rare values or most extreme"): ", ".join(
            value(v) for v in (detail.get("rare_values") or detail.get("examples") or [])[:6]
        ),
    }
