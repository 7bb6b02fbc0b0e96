"""The Inspect page's judging sheet, by keyboard or mouse.

A screen of sampled rows sits in one grid with a pass and a fail box pinned beside each row, both
empty at first. One row is the current one (marked ▶). Under the grid one bar of buttons carries
every action, each with its key (Streamlit's own ``shortcut=``, which shows the key on the button
and leaves typing in text fields alone):

- ``J`` / ``K`` move to the next / previous row;
- ``P`` passes and ``F`` fails the current row, then move on; ``Backspace`` clears its verdict;
- ``Enter`` saves the judged rows.

Marking every unjudged row passing has no key on purpose: it passes rows nobody judged one by
one, so it takes a deliberate click, and the batch records how many rows it marked.

The screen's verdicts live in the session (``Screen``) and the grid is drawn from them. A tick
in the grid is read back into them and the grid is then drawn afresh under a new key, so a tick
and a key press never disagree. The sheet runs as a fragment: a key press reruns it alone. The
time from first showing a screen to saving it is recorded with the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import streamlit as st

from reviews.acceptance.inspection import (
    FAIL_COLUMN,
    PASS_COLUMN,
    InspectionStatus,
    apply_ticks,
    inspection_sheet,
    judge,
    mark_rest_passing,
    rows_to_judge,
    verdicts_from_sheet,
)
from reviews.store import Store, now
from ui.feedback import flash, user_errors
from ui.i18n import _
from ui.plain import fmt

BATCH_ROWS = 20
ROW_HEIGHT = 26  # px: a screen of rows, its buttons included, fits a 1440x900 screen
CURSOR_COLUMN = "current"
CURSOR = "▶"
CURRENT_STYLE = "background-color: #dbe8ff"
HEADER_HEIGHT = 40  # px: the grid's header line and borders


@dataclass
class Screen:
    """One screen of rows being judged: what was shown, when, and what the reviewer set."""

    rows: pd.DataFrame
    shown_at: datetime = field(default_factory=now)
    verdicts: dict[int, bool] = field(default_factory=dict)  # row position -> passed
    cursor: int = 0  # index into ``rows`` of the current row
    version: int = 0  # the grid's key changes with it, so the grid never keeps stale ticks
    pending: str | None = None  # "save" or "mark", acted on by the next run of the fragment
    problem: str | None = None


def screen_key(status: InspectionStatus) -> str:
    """Key of one screen: a new screen after every save, so nothing carries over."""
    return f"inspect_{status.id}_{status.judged}"


def _screen(store: Store, actor, status: InspectionStatus) -> Screen:
    key = screen_key(status)
    if key not in st.session_state:
        # When this screen was first shown, on the server's clock; the rows are read once.
        st.session_state[key] = Screen(rows_to_judge(store, actor, status.id, limit=BATCH_ROWS))
    return st.session_state[key]


def _grid_key(status: InspectionStatus, screen: Screen) -> str:
    return f"{screen_key(status)}_sheet_{screen.version}"


def _position(screen: Screen) -> int:
    return int(screen.rows.index[screen.cursor])


def _move(key: str, step: int) -> None:
    screen: Screen = st.session_state[key]
    screen.problem = None
    screen.cursor = min(max(screen.cursor + step, 0), len(screen.rows) - 1)


def _set(key: str, verdict: bool | None) -> None:
    """Give the current row a verdict (None clears it); a verdict moves on to the next row."""
    screen: Screen = st.session_state[key]
    screen.problem = None
    if verdict is None:
        screen.verdicts.pop(_position(screen), None)
    else:
        screen.verdicts[_position(screen)] = verdict
        screen.cursor = min(screen.cursor + 1, len(screen.rows) - 1)
    screen.version += 1


def _ask(key: str, what: str) -> None:
    screen: Screen = st.session_state[key]
    screen.problem = None
    screen.pending = what


def _read_ticks(status: InspectionStatus, screen: Screen) -> None:
    """Ticks made in the grid since it was drawn become verdicts; the grid is then drawn anew."""
    edits = st.session_state.get(_grid_key(status, screen), {}).get("edited_rows", {})
    if not edits:
        return
    ticks = {int(screen.rows.index[int(row)]): changed for row, changed in edits.items()}
    screen.verdicts = apply_ticks(screen.verdicts, ticks)
    screen.cursor = int(max(int(row) for row in edits))
    screen.problem = None
    screen.version += 1


def _save(store: Store, actor, status: InspectionStatus, screen: Screen) -> None:
    sheet = inspection_sheet(screen.rows, screen.verdicts)
    verdicts, marked = (
        mark_rest_passing(sheet) if screen.pending == "mark" else (verdicts_from_sheet(sheet), [])
    )
    screen.pending = None
    if not verdicts:
        screen.problem = _("Tick pass or fail beside at least one row, then save.")
        return
    result = judge(store, actor, status.id, verdicts, started_at=screen.shown_at, marked=marked)
    st.session_state.pop(screen_key(status), None)
    if result.status != "open":
        flash(fmt(_("Inspection finished: {status}."), status=_(result.status)))
    elif marked:
        flash(fmt(_("{n} row(s) marked passing at once; this is recorded."), n=len(marked)))
    st.rerun()  # the whole page: the inspection's count and the next screen


@st.fragment
def render_judging(store: Store, actor, status: InspectionStatus) -> None:
    """The current screen of rows with its verdict boxes, the key bar and what is left to do."""
    with user_errors():
        screen = _screen(store, actor, status)
        _read_ticks(status, screen)
        if screen.pending:
            _save(store, actor, status, screen)
        _grid(status, screen)
        _key_bar(screen_key(status))
        _status_line(screen)


def _grid(status: InspectionStatus, screen: Screen) -> None:
    sheet = inspection_sheet(screen.rows, screen.verdicts)
    sheet.insert(0, CURSOR_COLUMN, ["" for _row in range(len(sheet))])
    sheet.iloc[screen.cursor, 0] = CURSOR
    current = sheet.index[screen.cursor]
    # The current row is tinted (a style reaches the grid's read-only cells only).
    styled = sheet.style.apply(
        lambda row: [CURRENT_STYLE if row.name == current else "" for _cell in row], axis=1
    )
    st.data_editor(
        styled,
        disabled=[CURSOR_COLUMN, *screen.rows.columns],
        key=_grid_key(status, screen),
        row_height=ROW_HEIGHT,
        height=len(sheet) * ROW_HEIGHT + HEADER_HEIGHT,
        column_config={
            CURSOR_COLUMN: st.column_config.TextColumn("", width=28, pinned=True),
            PASS_COLUMN: st.column_config.CheckboxColumn(_("pass"), width="small", pinned=True),
            FAIL_COLUMN: st.column_config.CheckboxColumn(_("fail"), width="small", pinned=True),
        },
    )


def _key_bar(key: str) -> None:
    with st.container(horizontal=True, key="inspect_keys"):
        st.button(_("Next row"), key="inspect_next", shortcut="J", on_click=_move, args=(key, 1))
        st.button(_("Previous row"), key="inspect_previous", shortcut="K", on_click=_move, args=(key, -1))
        st.button(_("Pass"), key="inspect_pass", shortcut="P", on_click=_set, args=(key, True))
        st.button(_("Fail"), key="inspect_fail", shortcut="F", on_click=_set, args=(key, False))
        st.button(_("Clear"), key="inspect_clear", shortcut="Backspace", on_click=_set, args=(key, None))
        st.button(
            _("Save the judged rows"),
            key="inspect_save",
            shortcut="Enter",
            type="primary",
            on_click=_ask,
            args=(key, "save"),
        )
        st.button(
            _("Mark every row left unjudged on this screen as passing"),
            key="inspect_mark",
            on_click=_ask,
            args=(key, "mark"),
        )


def _status_line(screen: Screen) -> None:
    if screen.problem:
        st.error(screen.problem)  # plain-text: a fixed translated sentence
        return
    passed = sum(screen.verdicts.values())
    st.caption(
        fmt(
            _(
                "Row {row} ({current} of {n}) · {passed} passed, {failed} failed, {left} not judged yet. "
                "P passes and F fails the current row, J and K move, Enter saves."
            ),
            row=_position(screen),
            current=screen.cursor + 1,
            n=len(screen.rows),
            passed=passed,
            failed=len(screen.verdicts) - passed,
            left=len(screen.rows) - len(screen.verdicts),
        )
    )
