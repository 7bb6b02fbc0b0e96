"""Sections of the Sign-off page: the checklist, the documentation form, the signing form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.signoff import SignoffView, save_documentation, sign
from reviews.signoff.documentation import GROUP_TITLES
from reviews.store import Store
from ui.feedback import flash, user_errors
from ui.i18n import N_, _, tr
from ui.labels import STATUS_ICON

GROUP_NAMES = {
    "norms": N_("The six norms"),
    "data": N_("Data quality"),
    "gates": N_("Gates"),
    "inspection": N_("Sampling inspection"),
    "documentation": N_("Documentation"),
}
VERDICT_NAMES = {
    "approve": N_("Approve"),
    "approve_with_conditions": N_("Approve with conditions"),
    "reject": N_("Reject"),
}


def render_checklist(view: SignoffView) -> None:
    counts = view.checklist.counts()
    columns = st.columns(len(STATUS_ICON))
    for column, (status, icon) in zip(columns, STATUS_ICON.items()):
        column.metric(f"{icon} {_(status)}", counts.get(status, 0))
    for group, title in GROUP_NAMES.items():
        items = [i for i in view.checklist.items if i.group == group]
        if not items:
            continue
        st.markdown("#### " + _(title))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        _("Status"): f"{STATUS_ICON.get(i.status, '')} {_(i.status)}",
                        _("Item"): tr(i.title),
                        _("Evidence"): tr(i.evidence),
                        _("Links"): ", ".join(i.links),
                    }
                    for i in items
                ]
            ),
            hide_index=True,
            key=f"signoff_items_{group}",
        )


def render_documentation(store: Store, actor, view: SignoffView) -> None:
    if not view.can_document:
        if view.documentation.version is None:
            st.caption(_("The steward has not written the documentation yet."))
        return
    with st.form(f"signoff_doc_form_{view.dataset.id}"):
        values = {}
        for group, title in GROUP_TITLES.items():
            st.markdown("#### " + _(title))
            for field in view.documentation.group(group):
                values[field.spec.key] = st.text_area(
                    _(field.spec.label),
                    value=field.value or tr(field.suggestion),
                    help=_(field.spec.help),
                    key=f"signoff_doc_{field.spec.key}",
                )
        if st.form_submit_button(_("Save documentation")):
            with user_errors():
                save_documentation(store, actor, view.dataset.id, values)
                flash(_("Documentation saved."))
                st.rerun()


def render_signing(store: Store, actor, view: SignoffView) -> None:
    if not view.can_sign:
        st.info(tr(view.cannot_sign_reason))
        return
    if view.blocking_message:
        st.warning(tr(view.blocking_message))
    with st.form(f"signoff_sign_form_{view.dataset.id}"):
        verdict = st.radio(
            _("Verdict"),
            list(view.verdicts),
            format_func=lambda v: _(VERDICT_NAMES.get(v, v)),
            horizontal=True,
            key="signoff_verdict",
        )
        comment = st.text_area(
            _("Comment (required to reject or to approve with conditions)"), key="signoff_comment"
        )
        override = (
            st.text_area(
                _("Override justification (only to approve despite a blocking item)"), key="signoff_override"
            )
            if view.blocking_message
            else ""
        )
        password = st.text_input(
            _("Your password, to confirm it is you"), type="password", key="signoff_password"
        )
        if st.form_submit_button(_("Sign"), type="primary"):
            with user_errors():
                sign(store, actor, view.dataset.id, password, verdict, comment, override or None)
                flash(_("Signed."))
                st.rerun()


def render_history(view: SignoffView) -> None:
    if not view.history:
        st.caption(_("Not signed yet."))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    _("Verdict"): _(VERDICT_NAMES.get(s.verdict, s.verdict)),
                    _("Officer"): s.officer,
                    _("Signed at"): s.signed_at,
                    _("Comment"): s.comment,
                    _("Override"): s.override_justification or "",
                    _("Signature valid"): s.signature_valid(),
                }
                for s in view.history
            ]
        ),
        hide_index=True,
        key="signoff_history",
    )
