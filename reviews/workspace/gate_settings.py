"""The workspace's gates (thresholds per purpose), as a table an admin edits."""

from __future__ import annotations

import math

import pandas as pd

from reviews import queries
from reviews.errors import ReviewsError
from reviews.queries.evaluations import GATES_SETTING
from reviews.store import Store
from reviews.workspace.permissions import Actor
from synth.i18n import N_, Msg, joined, word
from synth.purposes.gates import DIRECTIONS, PURPOSES, gate_label, gates_for

COLUMNS = ["purpose", "gate", "direction", "threshold", "warn", "explanation"]
# How the page heads the table's columns (the frame keeps the names above).
HEADERS = {
    "purpose": N_("purpose"),
    "gate": N_("gate"),
    "direction": N_("direction"),
    "threshold": N_("threshold"),
    "warn": N_("warn limit"),
    "explanation": N_("explanation"),
}


def gate_table(store: Store) -> pd.DataFrame:
    """Every gate of every purpose with the thresholds in force (defaults plus overrides)."""
    overrides = queries.get_setting(store, GATES_SETTING)
    rows = [
        {
            "purpose": purpose,
            "gate": name,
            **{k: spec.get(k) for k in ("direction", "threshold", "warn", "explanation")},
        }
        for purpose in PURPOSES
        for name, spec in gates_for(purpose, overrides).items()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def readable_gate_table(table: pd.DataFrame) -> pd.DataFrame:
    """The words of ``gate_table`` as people read them (gate labels, directions), still English and
    translatable; the numbers and the column names are unchanged."""
    return table.assign(
        gate=table["gate"].map(gate_label), direction=table["direction"].map(lambda d: DIRECTIONS.get(d, d))
    )


def save_gate_table(store: Store, actor: Actor, table: pd.DataFrame) -> None:
    """Store the thresholds of an edited table; warn limits must lie beyond the threshold."""
    problems, overrides = [], {}
    for row in table.itertuples(index=False):
        threshold, warn = float(row.threshold), float(row.warn)
        where = {"purpose": word(row.purpose), "gate": word(gate_label(row.gate)), "threshold": threshold}
        if math.isnan(threshold) or math.isnan(warn):
            problems.append(Msg("{purpose}/{gate}: give both a threshold and a warn limit", **where))
        elif row.direction == "at_most" and warn < threshold:
            problems.append(
                Msg(
                    "{purpose}/{gate}: the warn limit must be beyond the threshold (at or above "
                    "{threshold:g})",
                    **where,
                )
            )
        elif row.direction == "at_least" and warn > threshold:
            problems.append(
                Msg(
                    "{purpose}/{gate}: the warn limit must be beyond the threshold (at or below "
                    "{threshold:g})",
                    **where,
                )
            )
        overrides.setdefault(row.purpose, {})[row.gate] = {"threshold": threshold, "warn": warn}
    if problems:
        raise ReviewsError(Msg("The gates were not saved: {problems}.", problems=joined(problems, "; ")))
    store.set_setting(actor, GATES_SETTING, overrides)
