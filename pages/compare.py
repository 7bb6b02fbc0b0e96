"""Compare (everyone): real vs synthetic fidelity, privacy, fairness and utility evidence."""

import streamlit as st

from reviews import queries
from reviews.jobs.kinds import EVALUATE as KIND
from reviews.queries import jobs as job_queries
from reviews.queries.evaluations import evaluation_inputs, latest_evaluation
from reviews.queries.leaderboard import leaderboard
from reviews.services.evaluation import start_evaluation
from ui.compare_board import evaluation_settings, render_leaderboard
from ui.compare_view import render_columns, render_fairness_utility, render_privacy, render_scores
from ui.feedback import user_errors
from ui.guard import page_actor
from ui.i18n import _, current_language, translator
from ui.job_view import render_job
from ui.labels import dataset_label, dataset_name
from ui.plain import fmt
from ui.query import query_id, requested_evaluation
from ui.state import get_store

actor = page_actor("compare")
store = get_store()


@st.cache_data(show_spinner=False, max_entries=4)
def cached_inputs(dataset_id: int, sha256: str):
    # The content hash keys it too: ids start again in a fresh workspace.
    return evaluation_inputs(get_store(), dataset_id)


def prepared_report(evaluation_id: int, result: dict, title: str) -> bytes | None:
    """The HTML report of this evaluation, in the reader's language, once asked for.

    Drawing it takes seconds, so the page draws it only when *Prepare the report* is pressed,
    in the page's own run (with a spinner), and keeps it for this session; the download is then
    a plain file. Building it when Download was pressed, outside the page's run, sometimes gave
    no file at all when the page reran at the moment of the click.
    """
    wanted = (evaluation_id, current_language())
    if st.button(_("Prepare the report"), key="compare_report_prepare"):
        from synth.metrics.report_html import render_html  # the report's charts, only when asked

        with st.spinner(_("Drawing the report…")):
            html = render_html(result, title=title, translate=translator(current_language()))
        st.session_state["compare_report"] = (wanted, html.encode())
    kept = st.session_state.get("compare_report")
    return kept[1] if kept and kept[0] == wanted else None


st.title(_("Compare real and synthetic"))
generated = [d for d in queries.list_datasets(store) if d.kind in ("synthetic", "accepted")]
if not generated:
    st.info(_("Nothing to compare yet: generate a synthetic dataset first."))
    st.stop()
names = {d.id: dataset_label(d) for d in generated}
# Evidence links arrive as compare?dataset=N or compare?evaluation=N.
linked_evaluation = requested_evaluation(store)
wanted = query_id("dataset") or (linked_evaluation or {}).get("dataset_id")
ids = list(names)
dataset_id = st.selectbox(
    _("Dataset"),
    ids,
    index=ids.index(wanted) if wanted in ids else len(ids) - 1,
    format_func=names.get,
    key="compare_dataset",
)
record = next(d for d in generated if d.id == dataset_id)
if actor.can("evaluate"):
    with user_errors():
        columns = queries.column_names(store, record.train_id) if record.train_id else []
        protected, label = evaluation_settings(record, columns, dataset_id)
        if st.button(_("Evaluate now"), key="compare_run"):
            start_evaluation(store, actor, dataset_id, protected=protected, label=label)
job = job_queries.latest_job(store, KIND)
if job and job["params"]["dataset_id"] == dataset_id and job["status"] != "done":
    render_job(job["id"], actor, key="compare_job")
evaluation = latest_evaluation(store, dataset_id)
if linked_evaluation and linked_evaluation["dataset_id"] == dataset_id:
    evaluation = linked_evaluation
    st.caption(fmt(_("Showing evaluation {id}, as linked."), id=evaluation["id"]))
if evaluation is None:
    st.info(
        _("This dataset has not been evaluated yet.")
        + (" " + _("Press Evaluate now.") if actor.can("evaluate") else "")
    )
    st.stop()
result = evaluation["result"]
TABS = [_("Scores"), _("Columns"), _("Privacy"), _("Fairness and utility"), _("Leaderboard")]
# Only the open tab is drawn: the charts, the tables behind them and the leaderboard wait until
# their tab is chosen, so the page opens on the scores at once.
score_tab, column_tab, privacy_tab, fairness_tab, board_tab = st.tabs(
    TABS, key="compare_tab", on_change="rerun"
)
with user_errors():
    if score_tab.open:
        with score_tab:
            render_scores(result)
            title = _("SynthReview evaluation of #{id} {name}").format(
                id=dataset_id, name=dataset_name(record)
            )
            report = prepared_report(evaluation["id"], result, title)
            if report is not None:
                st.download_button(
                    _("Download the report (HTML, works offline)"),
                    report,
                    f"evaluation-{dataset_id}.html",
                    "text/html",
                    key="compare_html",
                )
    if column_tab.open:
        with column_tab:
            render_columns(cached_inputs(dataset_id, record.sha256), result)
    if privacy_tab.open:
        with privacy_tab:
            render_privacy(result)
    if fairness_tab.open:
        with fairness_tab:
            render_fairness_utility(result, (record.labels or {}).get("deliberate_columns", []))
    if board_tab.open:
        with board_tab:
            render_leaderboard(leaderboard(store, dataset_id))
