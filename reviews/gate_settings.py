"""The workspace's gates (thresholds per purpose), as a table an admin edits."""

from __future__ import annotations

import math

import pandas as pd

from reviews import queries
from reviews.errors import ReviewsError
from reviews.evaluation_flow import GATES_SETTING
from reviews.permissions import Actor
from reviews.store import Store
from synth.metrics.gates import PURPOSES, gates_for

COLUMNS = ["purpose", "gate", "direction", "threshold", "warn", "explanation"]


def gate_table(store: Store) -> pd.DataFrame:
    """Every gate of every purpose with the thresholds in force (defaults plus overrides)."""
    overrides = queries.get_setting(store, GATES_SETTING)
    rows = [{"purpose": purpose, "gate": name, **{k: spec.get(k) for k in ("direction", "threshold", "warn", "explanation")}}
            for purpose in PURPOSES for name, spec in gates_for(purpose, overrides).items()]
    return pd.DataFrame(rows, columns=COLUMNS)


def save_gate_table(store: Store, actor: Actor, table: pd.DataFrame) -> None:
    """Store the thresholds of an edited table; warn limits must lie beyond the threshold."""
    problems, overrides = [], {}
    for row in table.itertuples(index=False):
        threshold, warn = float(row.threshold), float(row.warn)
        if math.isnan(threshold) or math.isnan(warn):
            problems.append(f"{row.purpose}/{row.gate}: give both a threshold and a warn limit")
        elif (row.direction == "at_most" and warn < threshold) or (row.direction == "at_least" and warn > threshold):
            problems.append(f"{row.purpose}/{row.gate}: the warn limit must be beyond the threshold "
                            f"({'at or above' if row.direction == 'at_most' else 'at or below'} {threshold:g})")
        overrides.setdefault(row.purpose, {})[row.gate] = {"threshold": threshold, "warn": warn}
    if problems:
        raise ReviewsError("The gates were not saved: " + "; ".join(problems) + ".")
    store.set_setting(actor, GATES_SETTING, overrides)
