"""Export (stewards): download the evidence bundle of an approved dataset."""

import pandas as pd
import streamlit as st

from reviews.bundle import build_bundle
from reviews.bundle.listing import approved_datasets, export_view
from ui.evidence import named
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _, tr
from ui.labels import dataset_label
from ui.plain import fmt
from ui.state import get_store
from ui.tables import headed, translated

actor = page_actor("export")
store = get_store()
st.title(_("Export"))
st.caption(
    _(
        "The bundle holds the accepted rows (CSV and Parquet), a data card, the evaluation report, the audit "
        "excerpt, and a signed manifest. Check it anywhere with: `python -m reviews verify-bundle FILE.zip`"
    )
)
approved = approved_datasets(store)
if not approved:
    st.info(_("No dataset has been approved yet; an officer signs off on the Sign-off page."))
    st.stop()
names = {d.id: dataset_label(d) for d in approved}
dataset_id = st.selectbox(_("Approved dataset"), list(names), format_func=names.get, key="export_dataset")
with user_errors():
    view = export_view(store, actor, dataset_id)
    st.write(
        fmt(_("Approved by {officer} on {when}."), officer=view.signoff.officer, when=view.signoff.signed_at)
    )
    if not view.exportable:
        st.warning(named(tr(view.reason)))
        st.stop()
    if st.button(_("Prepare the bundle"), key="export_prepare", type="primary"):
        st.session_state["export_bundle"] = (dataset_id, build_bundle(store, actor, dataset_id))
    prepared = st.session_state.get("export_bundle")
    if prepared and prepared[0] == dataset_id:
        st.download_button(
            _("Download {name}").format(name=view.file_name),
            prepared[1],
            view.file_name,
            "application/zip",
            key="export_download",
        )
    if view.exports:
        st.markdown("#### " + _("Earlier exports"))
        # The columns are the core's identifiers (bundle_sha256): shown translated, or as words.
        st.dataframe(headed(translated(pd.DataFrame(view.exports))), hide_index=True, key="export_history")
