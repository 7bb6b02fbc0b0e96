"""Officer permissions: allow, with a recorded justification, what the norms exclude by default."""

import streamlit as st

from reviews import queries
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.labels import dataset_label
from ui.state import get_store

GRANT_TITLES = {
    "depth_override": _("Generate from it past the depth limit (norm 5)"),
    "pretraining": _("Data generated from it may feed pre-training (norm 4)"),
    "blind_test_allowed": _("Its review rounds may include a blind test (norm 6)"),
    "low_agreement_accepted": _("Its reviewers' agreement below 0.667 is accepted (norm 6)"),
}

actor = page_actor("grants")
store = get_store()
st.title(_("Officer permissions"))
st.caption(_("Each permission is tied to one dataset and kept with your justification in the audit log."))
datasets = [d for d in queries.list_datasets(store) if not (d.labels or {}).get("split")]
if not datasets:
    st.info(_("No dataset yet."))
    st.stop()
names = {d.id: dataset_label(d) for d in datasets}
with st.form("grants_form"):
    dataset_id = st.selectbox(_("Dataset"), list(names), format_func=names.get, key="grants_dataset")
    kind = st.radio(_("Permission"), list(GRANT_TITLES), format_func=GRANT_TITLES.get, key="grants_kind")
    justification = st.text_area(_("Justification (required)"), key="grants_justification")
    if st.form_submit_button(_("Grant"), type="primary"):
        with user_errors():
            store.grant(actor, kind, dataset_id, justification)
            st.success(_("Granted and recorded."))
st.subheader(_("Permissions in force"))
rows = [
    {
        _("Dataset"): names[grant["dataset_id"]],
        _("Permission"): GRANT_TITLES[grant["kind"]],
        _("By"): grant["by"],
        _("Justification"): grant["justification"],
    }
    for grant in queries.grants_in_force(store)
    if grant["dataset_id"] in names and grant["kind"] in GRANT_TITLES
]
if rows:
    st.dataframe(rows, hide_index=True, key="grants_table")
else:
    st.caption(_("None."))
