"""One review task on one screen, answered by keyboard or mouse.

The rows are lined up in one comparison table (``ui.comparison_table``); under it one bar of
buttons carries every answer, each with its keyboard shortcut (Streamlit's own ``shortcut=``,
which shows the key on the button and leaves typing in text fields alone):

- ``1``-``5`` pick the more plausible row (pairwise) or place the rows in order (listwise);
- ``F`` then a number flags that row, with a default reason that can be changed afterwards;
- ``S`` skips, ``Enter`` submits.

The task runs as a fragment: a key press reruns the task alone, not the page, and an answer is
stored and the next task drawn in that same rerun. Every task sends the same elements in the same
places (the rows' unusual combinations are part of the comparison table's element, not an element
of their own that comes and goes), so the browser updates them in place. Button callbacks only
note what was pressed; the fragment body then acts on it, so errors are shown the usual way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import streamlit as st

from reviews.queries import rounds as round_queries
from reviews.ranking.rounds import TaskView, next_task, submit
from reviews.ranking.task_display import ROW_LETTERS, comparison, row_label, unseen_combinations
from reviews.store import Flag, Store
from reviews.store.rounds import FLAG_REASONS
from reviews.workspace.permissions import Actor
from ui.comparison_table import comparison_html
from ui.feedback import user_errors
from ui.i18n import _, tr
from ui.plain import fmt

DEFAULT_FLAG_REASON = "impossible_value"
WAIT_SECONDS = 5


@dataclass
class TaskState:
    """What the reviewer has pressed so far on one task."""

    started: float = field(default_factory=time.time)
    order: list[int] = field(default_factory=list)  # positions, most plausible first
    label: str | None = None  # blind tasks: "real" or "synthetic"
    flags: dict[int, str] = field(default_factory=dict)  # position -> reason
    flag_mode: bool = False
    pending: str | None = None  # "submit" or "skip", acted on by the next run of the fragment
    problem: str | None = None


def _view_key(round_id: int) -> str:
    return f"review_view_{round_id}"


def _state(task_id: int) -> TaskState:
    return st.session_state.setdefault(f"review_state_{task_id}", TaskState())


def _press_row(task_id: int, mode: str, position: int, n_rows: int) -> None:
    state = _state(task_id)
    state.problem = None
    if state.flag_mode:
        state.flag_mode = False
        if state.flags.pop(position, None) is None:
            state.flags[position] = DEFAULT_FLAG_REASON
    elif mode == "blind":
        state.label = ("real", "synthetic")[position]
    elif mode == "pairwise":
        state.order = [position, *[p for p in range(n_rows) if p != position]]
    elif position in state.order:
        state.order = state.order[: state.order.index(position)]  # pressing a placed row takes it back
    else:
        state.order.append(position)
        if len(state.order) == n_rows - 1:  # the last row can only go last
            state.order += [p for p in range(n_rows) if p not in state.order]


def _press(task_id: int, what: str) -> None:
    state = _state(task_id)
    state.problem = None
    if what == "flag":
        state.flag_mode = not state.flag_mode
    elif what == "clear":
        state.order, state.label, state.flag_mode = [], None, False
    else:
        state.pending = what


def _answer(view: TaskView, state: TaskState) -> dict | None:
    """The answer as ``submit`` keywords, or None (with ``state.problem`` set) when incomplete."""
    if state.pending == "skip":
        return {"skipped": True}
    if view.mode == "blind":
        if state.label is None:
            state.problem = _("Press 1 (real) or 2 (synthetic) first, or skip the task.")
            return None
        return {"label": state.label}
    if len(state.order) != len(view.rows):
        state.problem = _("Rank every row before submitting (or skip the task).")
        return None
    # Reasons and notes changed in the folded details are read from their widgets.
    flags = [
        Flag(
            view.rows[position],
            st.session_state.get(f"review_reason_{view.task_id}_{position}", reason),
            st.session_state.get(f"review_note_{view.task_id}_{position}", ""),
        )
        for position, reason in sorted(state.flags.items())
    ]
    return {"ranking": [view.rows[p] for p in state.order], "flags": flags}


def _act(store: Store, actor: Actor, round_id: int) -> None:
    """Store a pending answer or skip; the cached task is dropped so the next one is drawn."""
    view = st.session_state.get(_view_key(round_id))
    if view is None:
        return
    state = _state(view.task_id)
    if state.pending is None:
        return
    answer = _answer(view, state)
    if answer is None:
        state.pending = None
        return
    submit(store, actor, round_id, view.task_id, started=state.started, **answer)
    st.session_state.pop(_view_key(round_id), None)
    st.session_state.pop(f"review_state_{view.task_id}", None)
    st.session_state["review_last"] = _("Task skipped.") if answer.get("skipped") else _("Answer saved.")


def _current(store: Store, actor: Actor, round_id: int) -> TaskView | None:
    """The task on screen, drawn once and kept until it is answered."""
    key = _view_key(round_id)
    if st.session_state.get(key) is None:
        st.session_state[key] = next_task(store, actor, round_id)
    return st.session_state[key]


@st.fragment
def task_panel(store: Store, actor: Actor, round_id: int, other_rounds: list[int]) -> None:
    """The reviewer's current task in this round, or why there is none yet.

    ``other_rounds`` are the reviewer's other rounds with tasks left, offered while this one waits.
    """
    with user_errors():
        _act(store, actor, round_id)
        view = _current(store, actor, round_id)
        if view is None:
            waiting_panel(store, actor, round_id, other_rounds)
            return
        render_task(view)


def _progress(view: TaskView) -> None:
    last = st.session_state.get("review_last")
    text = fmt(
        _("Task {id} · {done} of {assigned} tasks answered"),
        id=view.task_id,
        done=view.done,
        assigned=view.assigned,
    )
    st.progress(
        view.done / view.assigned if view.assigned else 0.0, text=text + (f" · {last}" if last else "")
    )


def _row_button_label(mode: str, flag_mode: bool, position: int) -> str:
    letter = ROW_LETTERS[position]
    if flag_mode:
        return _("Flag {letter}").format(letter=letter)
    if mode == "blind":
        return (_("Real"), _("Synthetic"))[position]
    if mode == "pairwise":
        return _("{letter} is more plausible").format(letter=letter)
    return letter


def _chosen(mode: str, state: TaskState, position: int) -> bool:
    """Whether the row's button shows as pressed: flagged, picked, placed or the chosen label."""
    if state.flag_mode:
        return position in state.flags
    if mode == "blind":
        return state.label == ("real", "synthetic")[position]
    if mode == "pairwise":
        return state.order[:1] == [position]
    return position in state.order


def render_task(view: TaskView) -> None:
    """The comparison table, the answer bar and, only when asked for, the flags."""
    state = _state(view.task_id)
    labels = [tr(row_label(i)) for i in range(len(view.rows))]
    _progress(view)
    unusual = [
        _("{row}: never seen together in the real data: {combos}").format(row=label, combos="; ".join(combos))
        for label, report in zip(labels, view.context, strict=True)
        if (combos := unseen_combinations(report))
    ]
    # One element, whatever the task: the next task replaces it in place (see the module docstring).
    st.html(comparison_html(comparison(view.context), labels, note=" · ".join(unusual)))
    n_choices = 2 if view.mode == "blind" else len(view.rows)
    with st.container(horizontal=True, key="review_answer_bar"):
        for position in range(n_choices):
            st.button(
                _row_button_label(view.mode, state.flag_mode, position),
                key=f"review_row_{position}",
                shortcut=str(position + 1),
                type="primary" if _chosen(view.mode, state, position) else "secondary",
                on_click=_press_row,
                args=(view.task_id, view.mode, position, len(view.rows)),
            )
        if view.mode != "blind":
            st.button(
                _("Cancel flag") if state.flag_mode else _("Flag a row"),
                key="review_flag",
                shortcut="F",
                on_click=_press,
                args=(view.task_id, "flag"),
            )
        if view.mode == "listwise":
            st.button(
                _("Clear order"),
                key="review_clear",
                shortcut="Backspace",
                on_click=_press,
                args=(view.task_id, "clear"),
            )
        st.button(_("Skip"), key="review_skip", shortcut="S", on_click=_press, args=(view.task_id, "skip"))
        st.button(
            _("Submit"),
            key="review_submit",
            shortcut="Enter",
            type="primary",
            on_click=_press,
            args=(view.task_id, "submit"),
        )
    _status_line(view, state, labels)
    if state.flags:
        _flag_details(view, state, labels)


def _status_line(view: TaskView, state: TaskState, labels: list[str]) -> None:
    if state.problem:
        st.error(state.problem)  # plain-text: fixed translated sentences only
    elif state.flag_mode:
        st.caption(_("Press the number of the row to flag (F again to cancel)."))
    elif view.mode == "listwise" and state.order:
        order = " › ".join(labels[p] for p in state.order)
        st.caption(fmt(_("Your order: {order}. Press a placed row again to take it back."), order=order))
    elif view.mode == "listwise":
        st.caption(
            _("Press the rows' numbers from most to least plausible, then Enter.")
            + " "
            + _("Grey figures: the value's percentile among real values, or the share of real rows with it.")
        )
    elif view.mode == "pairwise":
        st.caption(_("Press 1 or 2 for the more plausible row, then Enter. F then a number flags a row."))
    else:
        st.caption(_("Press 1 if you think the row is real, 2 if synthetic, then Enter."))


def _flag_details(view: TaskView, state: TaskState, labels: list[str]) -> None:
    """Flagged rows in one line; their reasons and notes folded away until opened."""
    flagged = ", ".join(labels[p] for p in sorted(state.flags))
    with st.expander(fmt(_("Flagged as implausible: {rows} (reason and note)"), rows=flagged)):
        for position in sorted(state.flags):
            reason_column, note_column = st.columns([1, 2])
            reason_column.selectbox(
                fmt(_("Reason for flagging {row}"), row=labels[position]),
                FLAG_REASONS,
                index=FLAG_REASONS.index(state.flags[position]),
                format_func=lambda r: _(r.replace("_", " ")),
                key=f"review_reason_{view.task_id}_{position}",
            )
            note_column.text_input(_("Note (optional)"), key=f"review_note_{view.task_id}_{position}")


@st.fragment(run_every=WAIT_SECONDS)
def waiting_panel(store: Store, actor: Actor, round_id: int, other_rounds: list[int]) -> None:
    """Done with the batch: say who the round waits for, and show new tasks as soon as they open."""
    view = next_task(store, actor, round_id)
    if view is not None:
        st.session_state[_view_key(round_id)] = view
        st.rerun()
    record = round_queries.get_round(store, round_id)
    done, assigned = round_queries.reviewer_progress(store, round_id, actor.username)
    waiting = round_queries.batch_waiting_on(store, round_id, record.current_batch)
    st.progress(1.0, text=fmt(_("{done} of {assigned} tasks answered"), done=done, assigned=assigned))
    if waiting:
        who = ", ".join(_("{reviewer} ({n} left)").format(reviewer=name, n=n) for name, n in waiting.items())
        st.info(
            fmt(
                _(
                    "You have answered all your tasks in batch {batch}. The next batch is chosen from "
                    "the answers to this one, so it opens when every reviewer has finished it. "
                    "Waiting for: {who}."
                ),
                batch=record.current_batch,
                who=who,
            )
            + " "
            + fmt(
                _("This page checks every {s} seconds and shows new tasks as soon as they open."),
                s=WAIT_SECONDS,
            )
        )
    else:
        st.info(
            _(
                "You have answered all your tasks, and no further batch is planned in this round. "
                "The steward can close the round; this page checks for new tasks every few seconds."
            )
        )
    if other_rounds:
        target = other_rounds[0]
        if st.button(
            _("Go to round {id}, which has tasks for you").format(id=target),
            key="review_other_round",
            shortcut="N",
            type="primary",
            on_click=_switch_round,
            args=(target,),
        ):
            st.rerun()


def _switch_round(round_id: int) -> None:
    st.session_state["review_round"] = round_id
