"""The audit log as a table people can filter and export."""

from __future__ import annotations

import pandas as pd

from reviews.queries import audit as audit_queries
from reviews.store import Store
from reviews.workspace.permissions import Actor, require
from synth.csv_safety import safe_csv_bytes
from synth.i18n import N_

# Column names of the audit table (those of ``audit_events``); pages show them translated.
AUDIT_COLUMNS = (
    N_("seq"),
    N_("time"),
    N_("actor"),
    N_("action"),
    N_("object"),
    N_("payload"),
    N_("prev_hash"),
    N_("hash"),
)


def audit_table(
    store: Store,
    actor: Actor,
    action_prefix: str = "",
    actor_filter: str = "",
    object_filter: str = "",
    limit: int = 1000,
) -> pd.DataFrame:
    """Newest events first, filtered by action prefix, actor and object substring.

    What ``actor`` may see only (``visible_audit_frame``): a reviewer reads other reviewers'
    answers as who, what and when, without their contents. The CSV export is made from this.
    """
    require(actor, "view_audit")
    frame = audit_queries.visible_audit_frame(store, actor, action_prefix or None)
    if actor_filter:
        frame = frame[frame["actor"].str.contains(actor_filter, case=False, regex=False)]
    if object_filter:
        frame = frame[frame["object"].str.contains(object_filter, case=False, regex=False)]
    return frame.head(limit).reset_index(drop=True)


def audit_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes of an audit table, for download.

    Usernames, object names and payloads are typed by users, so formula-like cells are
    neutralised as in the evidence bundle (a username ``=HYPERLINK(...)`` stays text).
    """
    return safe_csv_bytes(frame)
