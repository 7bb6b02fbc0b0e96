"""Interface translation from gettext catalogs (``locales/<lang>/LC_MESSAGES/messages.po``),
read with Babel. Strings are marked with ``_()`` and extracted with ``pybabel extract``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=None)
def catalog(language: str) -> dict[str, str]:
    """msgid -> translation for ``language``; empty when there is no catalog (English)."""
    path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle)
    return {m.id: m.string for m in messages if m.id and m.string and not m.fuzzy}


def current_language() -> str:
    return st.session_state.get("language", DEFAULT_LANGUAGE)


def _(message: str) -> str:
    """Translate ``message`` into the session's language, falling back to English."""
    return catalog(current_language()).get(message, message)
