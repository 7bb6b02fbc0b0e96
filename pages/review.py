"""Review (reviewers): rank synthetic rows by plausibility, flag implausible ones."""

import streamlit as st

from reviews.queries import rounds as round_queries
from reviews.ranking.rounds import next_task, submit
from ui.feedback import flash, show_flash, user_errors
from ui.guard import page_actor
from ui.i18n import _
from ui.state import get_store
from ui.task_view import render_task

actor = page_actor("review")
store = get_store()
st.title(_("Review synthetic rows"))
show_flash()
st.caption(
    _(
        "Judge plausibility from the rows themselves: each value shows where it sits in the real data. "
        "You never see other reviewers' answers."
    )
)

mine = round_queries.open_rounds_for(store, actor.username)
if not mine:
    st.info(_("No review round has tasks for you yet."))
    st.stop()
round_id = st.selectbox(
    _("Round"), [r.id for r in mine], key="review_round", format_func=lambda i: _("Round {id}").format(id=i)
)
with user_errors():
    view = next_task(store, actor, round_id)
    done, assigned = round_queries.reviewer_progress(store, round_id, actor.username)
    st.progress(
        done / assigned if assigned else 0.0,
        text=_("{done} of {assigned} tasks answered").format(done=done, assigned=assigned),
    )
    if view is None:
        st.success(
            _("You have answered all your tasks in this round. New tasks appear when the batch is complete.")
        )
        st.stop()
    answer = render_task(view)
    if answer is not None:
        submit(
            store,
            actor,
            round_id,
            view.task_id,
            ranking=answer.get("ranking"),
            label=answer.get("label"),
            skipped=answer.get("skipped", False),
            flags=answer.get("flags", []),
            started=answer["started"],
        )
        flash(_("Task skipped.") if answer.get("skipped") else _("Answer saved."))
        st.rerun()
