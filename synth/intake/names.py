"""Make an uploaded file's name, and a typed dataset name, safe to show and to use in a stored file's name."""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

# Characters that reorder or hide text (bidi overrides and isolates, zero-width marks): a name
# such as "report\u202egpj.csv" would otherwise display as something it is not.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
_MAX_NAME = 200


def clean_name(text: str) -> str:
    """``text`` without control, format (bidi) or line-separator characters, trimmed."""
    return "".join(ch for ch in str(text) if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES).strip()


def clean_filename(name: str) -> str:
    """The last path part of ``name`` without control, format (bidi) or separator characters.

    Returns ``"upload"`` when nothing printable is left.
    """
    kept = clean_name(name)
    base = PurePath(kept.replace("\\", "/")).name.strip().lstrip(".")
    return base[:_MAX_NAME] or "upload"
