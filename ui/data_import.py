"""The Data page's import: upload or demo, asking first when the same table is already stored.

After an import the new dataset is selected, so the profile below shows what was just loaded.
"""

from __future__ import annotations

import streamlit as st

from reviews.errors import AlreadyImported
from reviews.services.intake import import_demo, import_upload
from reviews.store import Store
from reviews.workspace.permissions import Actor
from ui.feedback import flash, user_errors
from ui.i18n import _, tr
from ui.plain import fmt, md

FORMATS = ["csv", "tsv", "txt", "parquet", "xlsx", "jsonl"]
SELECTED = "data_dataset"  # the profile picker's key
_PENDING = "data_pending_copy"


def render_import(store: Store, actor: Actor) -> None:
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
                request = {
                    "demo": False,
                    "data": uploaded.getvalue(),
                    "filename": uploaded.name,
                    "name": name,
                }
                _import(store, actor, request, _("Imported and profiled."))
    with demo_tab:
        st.write(
            _(
                "The demo table is the Toronto arrests data shipped with scikit-lego (5,226 rows): "
                "skin colour and sex are protected attributes, 'released' is the label."
            )
        )
        if st.button(_("Load demo data"), key="data_load_demo"):
            _import(store, actor, {"demo": True}, _("Demo data loaded."))
    _ask_about_copy(store, actor)


def _import(store: Store, actor: Actor, request: dict, done: str, allow_copy: bool = False) -> None:
    st.session_state.pop(_PENDING, None)
    new_id = None
    with user_errors(None if request["demo"] else _("The file cannot be used:")):
        try:
            if request["demo"]:
                new_id = import_demo(store, actor, allow_copy=allow_copy)
            else:
                new_id = import_upload(
                    store,
                    actor,
                    request["data"],
                    request["filename"],
                    request["name"] or None,
                    allow_copy=allow_copy,
                )
        except AlreadyImported as exc:
            st.session_state[_PENDING] = {**request, "existing": exc.existing, "message": exc.args[0]}
    if new_id is not None:  # outside user_errors: a rerun is not an error
        st.session_state[SELECTED] = new_id
        flash(done)  # plain-text: a translated fixed sentence from the callers above
        st.rerun()


def _ask_about_copy(store: Store, actor: Actor) -> None:
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    st.warning(
        md(tr(pending["message"]))
        + " "
        + _("Import it again as a separate dataset, or look at the one already there?")
    )
    again, existing, _space = st.columns([1, 1, 3])
    if again.button(_("Import a copy"), key="data_copy_again"):
        _import(store, actor, pending, _("Imported and profiled."), allow_copy=True)
    if existing.button(_("Show the existing one"), key="data_copy_existing"):
        st.session_state.pop(_PENDING, None)
        st.session_state[SELECTED] = pending["existing"][0]
        flash(fmt(_("Showing dataset #{dataset_id}."), dataset_id=pending["existing"][0]))
        st.rerun()
