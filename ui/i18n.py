"""Interface translation from gettext catalogs (``locales/<lang>/LC_MESSAGES/messages.po``),
read with Babel. Strings are marked with ``_()`` (or ``N_()`` where the text is only declared
and translated later) and extracted with ``pybabel extract -F babel.cfg``.

The language of a session is ``st.session_state["language"]``: set at sign-in from the user's
stored choice and changed in the sidebar. Before that, the browser's language is used when it
is one we have, otherwise English.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st
from babel.messages.pofile import read_po

from synth.i18n import N_, render

LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> translation for ``language``; empty when there is no catalog (English)."""
    path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle)
    return {m.id: m.string for m in messages if m.id and m.string and not m.fuzzy}


def language_of(locale: str | None) -> str:
    """Our language code for a browser locale such as ``zh-CN`` or ``en-GB``; English otherwise."""
    prefix = (locale or "").replace("_", "-").split("-")[0].lower()
    return prefix if prefix in LANGUAGES else DEFAULT_LANGUAGE


def browser_language() -> str:
    """The language the visitor's browser asks for (``st.context.locale``), if we have it."""
    try:
        return language_of(st.context.locale)
    except Exception:  # no browser behind this run (bare script, some test harnesses)
        return DEFAULT_LANGUAGE


def current_language() -> str:
    language = st.session_state.get("language")
    return language if language in LANGUAGES else browser_language()


def _(message: str) -> str:
    """Translate ``message`` into the session's language, falling back to English."""
    return catalog(current_language()).get(message, message)


def translator(language: str):
    """``_`` fixed to ``language``, for work done outside the page's run (no session there)."""
    messages = catalog(language)
    return lambda message: messages.get(message, message)


def tr(value) -> str:
    """Show text from the core in the session's language: fixed text, a ``Msg``, its stored form
    (``Msg.to_data()``) or a list of them."""
    return render(value, _)


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "tr",
    "catalog",
    "translator",
    "current_language",
    "browser_language",
    "language_of",
]
