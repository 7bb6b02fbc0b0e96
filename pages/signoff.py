"""Sign-off: the checklist with its evidence; stewards document, officers sign with their password."""

import streamlit as st

from reviews.signoff import signable_datasets, signoff_view
from reviews.workspace import signing
from ui.feedback import show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.labels import generated_name
from ui.plain import fmt
from ui.query import note_unknown, preselect, remember
from ui.signoff_view import render_checklist, render_documentation, render_history, render_signing
from ui.state import get_store

actor = page_actor("signoff")
store = get_store()
st.title(_("Sign-off"))
show_flash()
datasets = signable_datasets(store)
if not datasets:
    st.info(_("Nothing to sign yet: generate, review and accept a dataset first."))
    st.stop()
labels = {
    d.id: f"#{d.id} {generated_name(d.name, d.kind)} ({_(d.kind)}) · "
    + (_(d.verdict) if d.verdict else _("not signed"))
    for d in datasets
}
# A link such as signoff?dataset=N opens the page on that dataset.
preselect("signoff_dataset", "dataset", list(labels))
note_unknown("dataset", list(labels))
dataset_id = st.selectbox(_("Dataset"), list(labels), format_func=labels.get, key="signoff_dataset")
remember("signoff_dataset", "dataset")
with user_errors():
    view = signoff_view(store, actor, dataset_id)
    checklist_tab, documentation_tab, sign_tab = st.tabs([_("Checklist"), _("Documentation"), _("Verdict")])
    with checklist_tab:
        render_checklist(store, actor, view)
    with documentation_tab:
        render_documentation(store, actor, view)
    with sign_tab:
        render_history(view)
        render_signing(store, actor, view)
        st.caption(
            fmt(
                _("Sign-offs are signed with this workspace's Ed25519 key, fingerprint {f}."),
                f=signing.fingerprint(signing.public_key_pem()),
            )
        )
