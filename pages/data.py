"""Data: load a real table (upload or demo), see its profile, list the workspace's datasets."""

import streamlit as st

from reviews import queries
from synth.profile import profile_table
from ui.data_import import SELECTED, render_import
from ui.dataset_picker import nesting, ordered_for_picking, picker_label
from ui.feedback import show_flash
from ui.guard import page_actor
from ui.i18n import _
from ui.labels import dataset_label, dataset_name
from ui.profile_view import render_profile
from ui.state import get_store

actor = page_actor("data")
store = get_store()


@st.cache_data(show_spinner=False, max_entries=8)
def cached_frame(dataset_id: int, sha256: str):
    return queries.load_frame(get_store(), dataset_id)


@st.cache_data(show_spinner=_("Profiling…"), max_entries=8)
def cached_profile(dataset_id: int, sha256: str) -> dict:
    # Generated tables are profiled when first shown; stored tables never change, so caching is safe.
    return profile_table(queries.load_frame(get_store(), dataset_id)).to_dict()


st.title(_("Data"))
show_flash()
render_import(store, actor)

records = queries.list_datasets(store)
st.subheader(_("Datasets"))
if not records:
    st.info(_("No dataset yet: upload a file or load the demo data."))
    st.stop()
st.dataframe(
    [
        {
            _("Id"): r.id,
            _("Name"): dataset_name(r),
            _("Kind"): _(r.kind),
            _("Rows"): r.rows,
            _("Columns"): r.columns,
            _("Depth"): r.depth,
            _("Purpose"): _(r.purpose) if r.purpose else "",
            _("Created by"): r.created_by,
            "sha256": r.sha256[:12],
        }
        for r in records
    ],
    hide_index=True,
    key="data_table",
)
ordered = ordered_for_picking(records)
ids = [r.id for r in ordered]
if st.session_state.get(SELECTED) not in ids:
    st.session_state[SELECTED] = ids[0]  # the newest real upload, when there is one
by_id = {r.id: r for r in records}
levels = nesting(ordered)
chosen = st.selectbox(
    _("Show the profile of"),
    ids,
    key=SELECTED,
    format_func=lambda i: picker_label(by_id[i], levels[i], dataset_label(by_id[i])),
)
record = by_id[chosen]
frame = cached_frame(record.id, record.sha256)
render_profile(record.profile or cached_profile(record.id, record.sha256), frame, key="data_profile")
