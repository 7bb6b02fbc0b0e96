"""Numbers a page reads from its address, such as ``compare?dataset=3`` (evidence links)."""

from __future__ import annotations

import streamlit as st

from reviews.errors import NotFound
from reviews.queries.evaluations import get_evaluation
from reviews.store import Store
from ui.i18n import _
from ui.plain import fmt


def query_id(name: str) -> int | None:
    """The positive whole number in query parameter ``name``, or None when absent or malformed."""
    value = st.query_params.get(name)
    if value is None or not str(value).isdigit():
        return None
    return int(value) or None


def preselect(widget_key: str, name: str, choices) -> None:
    """Start the selectbox ``widget_key`` at the query parameter's value, once, if it is a choice.

    Only on arrival: afterwards the reader's own choice wins."""
    wanted = query_id(name)
    marker = f"{widget_key}__from_query"
    if wanted is not None and wanted in choices and st.session_state.get(marker) != wanted:
        st.session_state[widget_key] = wanted
        st.session_state[marker] = wanted


def remember(widget_key: str, name: str) -> None:
    """Write the selectbox ``widget_key``'s choice into the address as ``?name=N``, so the address
    bar names what is shown and copying it shares that view."""
    value = st.session_state.get(widget_key)
    if value is None:
        return
    st.query_params[name] = str(value)
    st.session_state[f"{widget_key}__from_query"] = value  # the reader's choice, not a new link


def note_unknown(name: str, choices) -> None:
    """Say so when the address names something the page cannot show (it then shows its default)."""
    raw = st.query_params.get(name)
    if raw is not None and query_id(name) not in choices:
        st.warning(
            fmt(
                _("The link names {name} {id}, which this page cannot show; pick one from the list."),
                name=_(name),
                id=raw,
            )
        )


def requested_evaluation(store: Store) -> dict | None:
    """The evaluation named by ``?evaluation=N``, or None when absent or unknown."""
    wanted = query_id("evaluation")
    if wanted is None:
        return None
    try:
        return get_evaluation(store, wanted)
    except NotFound:
        return None
