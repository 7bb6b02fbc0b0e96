"""Turn core errors into messages on the page; a traceback never reaches a user."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from reviews.errors import ReviewsError
from synth.errors import InputError, SynthError
from synth.i18n import message_of
from ui.evidence import named
from ui.i18n import _, tr
from ui.plain import md

log = logging.getLogger("synthreview")


@contextmanager
def user_errors(input_heading: str | None = None) -> Iterator[None]:
    """Show our errors with ``st.error``; log anything unexpected and show a plain apology.

    ``input_heading`` heads the list of an input error's problems (for an upload: "The file
    cannot be used:"); by default it asks for the settings to be fixed.
    """
    try:
        yield
    except InputError as exc:
        st.error(
            md(input_heading or _("Please fix the following:"))
            + "\n\n"
            + "\n".join(f"- {named(tr(p))}" for p in exc.problems)
        )
    except (SynthError, ReviewsError) as exc:
        st.error(named(tr(message_of(exc))))
    except Exception:
        log.exception("unexpected error")
        st.error(
            _("Something went wrong on our side. Nothing was changed; please try again or tell an admin.")
        )


FLASH_KEY = "flash_message"


def flash(message: str) -> None:
    """Keep a success message for the next run, so it survives an ``st.rerun()``.

    ``message`` is shown as Markdown: build it with ``ui.plain.fmt`` when it holds user data.
    """
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show (once) the message kept by ``flash``."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)  # plain-text: flash() callers build it with fmt
