"""What a finished generation made: lineage, labels, purpose targets, outliers and a preview."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews import queries
from reviews.lineage.depth_limit import current_depth_limit
from reviews.lineage.graph import lineage_dot
from reviews.store import Store
from ui.i18n import _
from ui.labels import dataset_name
from ui.plain import fmt, md
from ui.profile_terms import term
from ui.tables import show_whole, translated


def render_generated(store: Store, dataset_id: int) -> None:
    record = queries.get_dataset(store, dataset_id)
    labels, lineage = record.labels or {}, record.lineage or {}
    st.markdown(f"### #{md(record.id)} {md(dataset_name(record))}")
    c = st.columns(4)
    c[0].metric(_("Purpose"), _(record.purpose) if record.purpose else "")
    c[1].metric(_("Depth / limit"), f"{record.depth} / {current_depth_limit(store)}")
    c[2].metric(_("Rows"), f"{record.rows:,}")
    c[3].metric(_("Generator"), labels.get("generator", ""))
    st.write(
        fmt(
            _("May feed these training stages: {stages}"),
            stages=", ".join(_(s) for s in labels.get("stages", [])),
        )
    )
    guarantee = lineage.get("privacy")
    if guarantee:
        unit_of_privacy = guarantee["unit_of_privacy"]  # an N_ text of the core ("one row")
        st.info(
            fmt(
                _(
                    "Differential privacy: epsilon {epsilon:g}, delta {delta:g} per {unit} ({mechanism}, "
                    "{library} {version}). Preprocessing spent epsilon {spent:g} of it on bounds and "
                    "categories."
                ),
                epsilon=guarantee["epsilon"],
                delta=guarantee["delta"],
                unit=_(unit_of_privacy),
                mechanism=guarantee["mechanism"],
                library=guarantee["library"],
                version=guarantee["library_version"],
                spent=guarantee["preprocessing"]["epsilon"],
            )
        )
    if lineage.get("override_justification"):
        st.warning(
            fmt(
                _("Generated past the depth limit with an officer's override: {why}"),
                why=lineage["override_justification"],
            )
        )
    # Drawn only when opened: the graph drawing library is a large download for every new visitor,
    # and the sentences below already say where the dataset sits.
    graph = st.expander(_("Lineage graph"), key=f"gen_lineage_{dataset_id}", on_change="rerun")
    if graph.open:
        graph.graphviz_chart(lineage_dot(store, dataset_id, translate=_))
    st.caption(_("Lineage: real data is depth 0; each round of generating from synthetic data adds one."))
    st.caption(
        fmt(
            _("Text alternative: #{id} is at depth {depth}, generated from dataset #{parent}."),
            id=record.id,
            depth=record.depth,
            parent=record.parent_id,
        )
    )
    st.markdown("#### " + _("Purpose target vs achieved"))
    targets = pd.DataFrame(lineage.get("target_report") or [])
    if targets.empty:
        st.caption(_("Privacy keeps the real distribution; there is no target to move to."))
    else:
        st.dataframe(
            translated(targets, values=["kind"], numbers=True),
            hide_index=True,
            key=f"gen_targets_{dataset_id}",
        )
    st.markdown("#### " + _("Outliers kept (norm 2)"))
    coverage, config = outlier_coverage_table(lineage.get("outlier_coverage") or [])
    show_whole(coverage, config, key=f"gen_outliers_{dataset_id}")
    st.markdown("#### " + _("Preview"))
    st.dataframe(queries.first_rows(store, dataset_id, 20), key=f"gen_preview_{dataset_id}")


def outlier_coverage_table(coverage: list[dict]) -> tuple[pd.DataFrame, dict]:
    """Per column: the real outliers, how many the synthetic data covers, and the share, in words."""
    headers = {
        "column": _("Column"),
        "method": _("Method"),
        "real_outliers": _("Outliers in the real data"),
        "covered": _("Covered by synthetic rows"),
        "synthetic_outliers": _("Outliers in the synthetic data"),
        "share_covered": _("Share covered"),
    }
    rows = [
        {**entry, "method": term(entry.get("method")), "share_covered": 100 * entry["share_covered"]}
        for entry in coverage
    ]
    frame = pd.DataFrame(rows, columns=list(headers)).rename(columns=headers)
    config = {
        headers["share_covered"]: st.column_config.ProgressColumn(
            headers["share_covered"], format="%.0f %%", min_value=0, max_value=100
        )
    }
    return frame, config
