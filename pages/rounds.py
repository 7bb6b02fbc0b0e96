"""Review rounds (stewards): open a round, follow agreement and the model, accept rows, inspect."""

import streamlit as st

from reviews import queries
from reviews.queries import rounds as round_queries
from reviews.ranking.report import round_report
from reviews.ranking.rounds import RoundConfig, open_round
from ui.acceptance_view import render_acceptance, render_inspection
from ui.curation_view import render_curation
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.labels import dataset_label
from ui.plain import fmt
from ui.query import query_id
from ui.round_view import render_report
from ui.state import get_store

actor = page_actor("rounds")
store = get_store()
st.title(_("Review rounds"))
synthetic = [d for d in queries.list_datasets(store) if d.kind == "synthetic"]
if not synthetic:
    st.info(_("Generate a synthetic dataset first; its rows are then reviewed here."))
    st.stop()
names = {d.id: dataset_label(d) for d in synthetic}

with (
    st.expander(_("Open a new round"), expanded=not round_queries.list_rounds(store)),
    st.form("rounds_open_form"),
):
    dataset_id = st.selectbox(
        _("Synthetic dataset"), list(names), format_func=names.get, key="rounds_new_dataset"
    )
    mode = st.radio(
        _("Mode"), ["pairwise", "listwise"], format_func=_, horizontal=True, key="rounds_new_mode"
    )
    k = st.slider(_("Rows per listwise task"), 3, 5, 4, key="rounds_new_k")
    overlap = st.number_input(_("Reviewers per task"), 1, 10, 2, key="rounds_new_overlap")
    batch_size = st.number_input(_("Tasks per batch"), 1, 500, 10, key="rounds_new_batch")
    blind = st.number_input(
        _("Blind-test items (needs an officer's permission)"), 0, 200, 0, key="rounds_new_blind"
    )
    gold = st.slider(
        _("Share of gold tasks (known answer, to measure each reviewer)"),
        0.0,
        0.5,
        0.05,
        0.01,
        key="rounds_new_gold",
    )
    if st.form_submit_button(_("Open round"), type="primary"):
        with user_errors():
            new_id = open_round(
                store,
                actor,
                dataset_id,
                RoundConfig(
                    mode=mode,
                    k=k if mode == "listwise" else 2,
                    overlap=int(overlap),
                    batch_size=int(batch_size),
                    blind_items=int(blind),
                    gold_share=float(gold),
                ),
            )
            st.session_state["rounds_selected"] = new_id
            st.success(fmt(_("Round {id} is open; reviewers can start."), id=new_id))

all_rounds = round_queries.list_rounds(store)
if not all_rounds:
    st.stop()
ids = [r.id for r in all_rounds]
selected = st.session_state.get("rounds_selected") or query_id("round")  # rounds?round=N
round_id = st.selectbox(
    _("Round"),
    ids,
    index=ids.index(selected) if selected in ids else len(ids) - 1,
    key="rounds_round",
    format_func=lambda i: _("Round {id}").format(id=i),
)
with user_errors():
    report = round_report(store, actor, round_id)
    st.caption(
        fmt(
            _("Dataset {name} · {mode} · {overlap} reviewers per task · batch {batch} · {status}"),
            name=names.get(report.round.dataset_id, report.round.dataset_id),
            mode=_(report.round.mode),
            overlap=report.round.overlap,
            batch=report.round.current_batch,
            status=_(report.round.status),
        )
    )
    render_report(report)
    st.subheader(_("Acceptance"))
    render_acceptance(store, actor, round_id)
    st.subheader(_("Sampling inspection"))
    render_inspection(store, actor, report.round.dataset_id)
    if actor.can("generate"):
        st.subheader(_("Curated generation"))
        render_curation(store, actor, round_id)
