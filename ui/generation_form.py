"""Parts of the Generate page's form: the settings most people leave alone, and declared DP domains."""

from __future__ import annotations

import json

import streamlit as st

from synth.errors import InputError
from synth.stages import DEFAULT_STAGES, STAGES
from ui.i18n import _


def column_or_none(column) -> str:
    return _("(none)") if column is None else str(column)


def parse_domain(text: str | None) -> dict | None:
    if not (text or "").strip():
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(
            _("The declared bounds and categories are not valid JSON ({error}).").format(error=exc)
        ) from exc


def more_settings(columns: list) -> tuple:
    """The "More settings" expander; returns (seed, holdout, label, outliers, stages, epochs, batch)."""
    with st.expander(_("More settings")):
        seed = st.number_input(_("Seed"), 0, 2**31 - 1, 0, key="gen_seed")
        holdout = st.slider(
            _("Holdout share (real rows the generator never sees)"), 0.05, 0.5, 0.2, key="gen_holdout"
        )
        label = st.selectbox(
            _("Stratify the split by"), [None, *columns], format_func=column_or_none, key="gen_label"
        )
        outliers = st.slider(
            _("Inject flagged outlier-like rows (share)"), 0.0, 0.05, 0.0, 0.005, key="gen_outliers"
        )
        stages = st.multiselect(
            _("Training stages it may feed"),
            STAGES,
            default=list(DEFAULT_STAGES),
            format_func=_,
            key="gen_stages",
        )
        epochs = st.number_input(_("Epochs (deep generators)"), 1, 1000, 100, key="gen_epochs")
        batch = st.number_input(
            _("Batch size (deep generators, a multiple of 10)"), 10, 10_000, 500, 10, key="gen_batch"
        )
    return seed, holdout, label, outliers, stages, epochs, batch
