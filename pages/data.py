"""Data: load a real table (upload or demo), see its profile, list the workspace's datasets."""

import streamlit as st

from reviews import queries
from reviews.services.intake import import_demo, import_upload
from synth.profile import profile_table
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.profile_view import render_profile
from ui.state import get_store

FORMATS = ["csv", "tsv", "txt", "parquet", "xlsx", "jsonl"]
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
upload_tab, demo_tab = st.tabs([_("Upload a file"), _("Demo data")])
with upload_tab:
    with st.form("data_upload_form", clear_on_submit=False):
        uploaded = st.file_uploader(
            _("CSV, TSV, Parquet, Excel or JSON Lines"), type=FORMATS, key="data_upload_file"
        )
        name = st.text_input(_("Dataset name (optional)"), key="data_upload_name")
        submitted = st.form_submit_button(_("Import"))
    if submitted:
        if uploaded is None:
            st.error(_("Choose a file first."))
        else:
            with user_errors(_("The file cannot be used:")):
                st.session_state["data_selected"] = import_upload(
                    store, actor, uploaded.getvalue(), uploaded.name, name or None
                )
                st.success(_("Imported and profiled."))
with demo_tab:
    st.write(
        _(
            "The demo table is the Toronto arrests data shipped with scikit-lego (5,226 rows): "
            "skin colour and sex are protected attributes, 'released' is the label."
        )
    )
    if st.button(_("Load demo data"), key="data_load_demo"):
        with user_errors():
            st.session_state["data_selected"] = import_demo(store, actor)
            st.success(_("Demo data loaded."))

records = queries.list_datasets(store)
st.subheader(_("Datasets"))
if not records:
    st.info(_("No dataset yet: upload a file or load the demo data."))
    st.stop()
st.dataframe(
    [
        {
            _("Id"): r.id,
            _("Name"): r.name,
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
ids = [r.id for r in records]
real = [r.id for r in records if r.kind == "real" and not (r.labels or {}).get("split")]
selected = st.session_state.get("data_selected")
default = ids.index(selected) if selected in ids else ids.index(real[-1]) if real else len(ids) - 1
chosen = st.selectbox(
    _("Show the profile of"),
    ids,
    index=default,
    key="data_dataset",
    format_func=lambda i: f"#{i} · {next(r.name for r in records if r.id == i)}",
)
record = next(r for r in records if r.id == chosen)
frame = cached_frame(record.id, record.sha256)
render_profile(record.profile or cached_profile(record.id, record.sha256), frame, key="data_profile")
