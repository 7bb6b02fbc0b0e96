"""Sections of the Sign-off page: the checklist, the documentation form, the signing form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reviews.errors import ReviewsError
from reviews.signoff import SignoffView, save_documentation, sign
from reviews.signoff.documentation import GROUP_TITLES
from reviews.store import Store
from synth.errors import SynthError
from synth.i18n import message_of
from ui.evidence import evidence_table, named
from ui.feedback import flash, user_errors
from ui.i18n import N_, _, tr
from ui.inspection_record_view import render_failure_explanation
from ui.labels import STATUS_ICON
from ui.plain import fmt, md

GROUP_NAMES = {
    "norms": N_("The six norms"),
    "data": N_("Data quality"),
    "gates": N_("Gates"),
    "inspection": N_("Sampling inspection"),
    "documentation": N_("Documentation"),
}
ERROR_KEY = "signoff_attempt_error"  # the last attempt's error, shown once after the form is emptied
VERDICT_NAMES = {
    "approve": N_("Approve"),
    "approve_with_conditions": N_("Approve with conditions"),
    "reject": N_("Reject"),
}


def render_checklist(store: Store, actor, view: SignoffView) -> None:
    counts = view.checklist.counts()
    columns = st.columns(len(STATUS_ICON))
    for column, (status, icon) in zip(columns, STATUS_ICON.items()):
        column.metric(f"{icon} {_(status)}", counts.get(status, 0))
    header = [_("Status"), _("Item"), _("Evidence"), _("Links")]
    for group, title in GROUP_NAMES.items():
        items = [i for i in view.checklist.items if i.group == group]
        if not items:
            continue
        st.markdown("#### " + md(_(title)))
        # A Markdown table: evidence wraps in full, and every reference in it is a link.
        rows = [
            [
                f"{STATUS_ICON.get(i.status, '')} {_(i.status)}",
                tr(i.title),
                tr(i.evidence),
                ", ".join(i.links),
            ]
            for i in items
        ]
        st.markdown(evidence_table(header, rows, actor.role))
        if group == "inspection":
            render_failure_explanation(store, actor, view)


def _written_caption(view: SignoffView) -> None:
    doc = view.documentation
    if doc.version is None:
        st.caption(_("The steward has not written the documentation yet."))
    else:
        st.caption(
            fmt(
                _("Version {version}, written by {author} at {time}."),
                version=doc.version,
                author=doc.written_by,
                time=doc.written_at,
            )
        )


def _read_only_documentation(view: SignoffView) -> None:
    # Shown as plain text, never Markdown: the fields are free text typed by a steward.
    for group, title in GROUP_TITLES.items():
        st.markdown("#### " + md(_(title)))
        for field in view.documentation.group(group):
            st.markdown("**" + md(_(field.spec.label)) + "**")
            st.text(field.value if field.written else _("(not written)"))


def render_documentation(store: Store, actor, view: SignoffView) -> None:
    _written_caption(view)
    if not view.can_document:
        if view.documentation.version is not None:
            _read_only_documentation(view)
        return
    dataset_id = view.dataset.id
    with st.form(f"signoff_doc_form_{dataset_id}"):
        values = {}
        for group, title in GROUP_TITLES.items():
            st.markdown("#### " + md(_(title)))
            for field in view.documentation.group(group):
                values[field.spec.key] = st.text_area(
                    _(field.spec.label),
                    value=field.value or tr(field.suggestion),
                    help=_(field.spec.help),
                    key=f"signoff_doc_{dataset_id}_{field.spec.key}",
                )
        if st.form_submit_button(_("Save documentation")):
            with user_errors():
                save_documentation(store, actor, dataset_id, values)
                flash(_("Documentation saved."))
                st.rerun()


def render_signing(store: Store, actor, view: SignoffView) -> None:
    if not view.can_sign:
        st.info(named(tr(view.cannot_sign_reason)))
        return
    if view.blocking_message:
        st.warning(named(tr(view.blocking_message)))
    dataset_id = view.dataset.id
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(md(error))
    # One form per dataset, keys scoped by its id, emptied after every attempt (clear_on_submit):
    # a verdict, comment or password typed for one dataset never reappears on another.
    with st.form(f"signoff_sign_form_{dataset_id}", clear_on_submit=True):
        verdict = st.radio(
            _("Verdict"),
            list(view.verdicts),
            format_func=lambda v: _(VERDICT_NAMES.get(v, v)),
            horizontal=True,
            index=None,
            key=f"signoff_verdict_{dataset_id}",
        )
        comment = st.text_area(
            _("Comment (required to reject or to approve with conditions)"),
            key=f"signoff_comment_{dataset_id}",
        )
        override = (
            st.text_area(
                _("Override justification (only to approve despite a blocking item)"),
                key=f"signoff_override_{dataset_id}",
            )
            if view.blocking_message
            else ""
        )
        password = st.text_input(
            _("Your password, to confirm it is you"), type="password", key=f"signoff_password_{dataset_id}"
        )
        submitted = st.form_submit_button(_("Sign"), type="primary")
    if submitted:
        _attempt(store, actor, dataset_id, verdict, comment, override, password)


def _attempt(store: Store, actor, dataset_id: int, verdict, comment, override, password) -> None:
    """One signing attempt; whatever its outcome the form is emptied and its message shown."""
    for name in ("verdict", "comment", "override", "password"):
        st.session_state.pop(f"signoff_{name}_{dataset_id}", None)
    if verdict is None:
        st.session_state[ERROR_KEY] = _("Choose a verdict.")
        st.rerun()
    try:
        sign(store, actor, dataset_id, password, verdict, comment, override or None)
    except (ReviewsError, SynthError) as exc:
        st.session_state[ERROR_KEY] = tr(message_of(exc))
    else:
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
