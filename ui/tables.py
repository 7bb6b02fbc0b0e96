"""Tables from the core shown in the reader's language.

The core names its columns in English (marked with ``N_`` where they are defined); CSV
exports keep those names. On the page, headers and the cells of word-valued columns
(status, purpose, role...) are translated; data values are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ui.i18n import tr


def translated(frame: pd.DataFrame, values: Iterable[str] = ()) -> pd.DataFrame:
    """A copy of ``frame`` with translated headers, and translated cells in the ``values`` columns."""
    shown = frame.copy()
    for column in values:
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v: tr(v) if isinstance(v, str) else v)
    shown.columns = [tr(c) if isinstance(c, str) else c for c in shown.columns]
    return shown
