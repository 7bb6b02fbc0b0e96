"""Review (reviewers): rank synthetic rows by plausibility, flag implausible ones, by keyboard."""

import streamlit as st

from reviews.queries import rounds as round_queries
from ui.comparison_table import PAGE_STYLE
from ui.guard import page_actor
from ui.i18n import _
from ui.state import get_store
from ui.task_view import task_panel

actor = page_actor("review")
store = get_store()
st.html(PAGE_STYLE)
mine = [r.id for r in round_queries.open_rounds_for(store, actor.username)]
with_tasks = round_queries.rounds_with_open_tasks(store, actor.username)
title, choice = st.columns([3, 1], vertical_alignment="bottom")
title.title(
    _("Review synthetic rows"),
    help=_(
        "Judge plausibility from the rows themselves: each value shows where it sits in the real data. "
        "You never see other reviewers' answers."
    ),
)
if not mine:
    st.info(_("No review round has tasks for you yet."))
    st.stop()
round_id = choice.selectbox(
    _("Round"),
    mine,
    index=mine.index(with_tasks[0]) if with_tasks else 0,  # open on work to do
    key="review_round",
    format_func=lambda i: _("Round {id}").format(id=i),
    label_visibility="collapsed",
)
task_panel(store, actor, round_id, [i for i in with_tasks if i != round_id])
