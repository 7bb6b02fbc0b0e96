"""Audit log (every role): filter, read, verify the hash chain, export as CSV."""

import streamlit as st

from reviews.audit.chain import verify_chain
from reviews.audit.log import audit_csv, audit_table
from reviews.queries.audit import FULL_AUDIT_ROLES
from ui.audit_view import readable_events
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _, tr
from ui.plain import fmt
from ui.state import get_store
from ui.tables import translated

actor = page_actor("audit")
store = get_store()
st.title(_("Audit log"))
st.caption(
    _(
        "Every change of state is recorded here. Each event's hash covers the one before it, "
        "so any edit, deletion or reordering made behind the app's back is detected."
    )
)
if st.button(_("Verify the chain"), key="audit_verify"):
    report = verify_chain(store.engine)
    if report.ok:
        st.success(fmt(_("The audit chain is intact: {n} events."), n=report.events))
    else:
        st.error(
            fmt(
                _("The audit chain is broken at event {seq}: {reason}"),
                seq=report.first_broken,
                reason=tr(report.reason),
            )
        )
if actor.role not in FULL_AUDIT_ROLES:
    st.caption(_("Other reviewers' answers appear as who did what and when, without their contents."))
c1, c2, c3 = st.columns(3)
action = c1.text_input(_("Action starts with"), key="audit_action", placeholder="dataset.")
who = c2.text_input(_("Actor contains"), key="audit_actor")
what = c3.text_input(_("Object contains"), key="audit_object", placeholder="dataset:1")
with user_errors():
    events = audit_table(store, actor, action, who, what)
    # Event names and objects are identifiers, typed into the filters as they are.
    st.dataframe(translated(readable_events(events)), hide_index=True, key="audit_table")
    st.download_button(_("Download as CSV"), audit_csv(events), "audit.csv", "text/csv", key="audit_download")
