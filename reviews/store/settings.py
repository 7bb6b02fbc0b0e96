"""Store writes for workspace settings (only the known keys) and officers' grants (their own table)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select, update

from reviews.errors import ReviewsError
from reviews.store.base import StoreBase, now, retried
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import app_settings, grants
from synth.i18n import N_, Msg

# The settings a workspace has, and the permission changing each needs. A key outside this
# table is refused, so nothing (a grant, say) can be forged as a setting.
SETTINGS = {
    "max_depth": "change_settings",  # reviews.lineage.depth_limit
    "gates": "change_settings",  # reviews.workspace.gate_settings
    "privacy_dp_requirement": "change_settings",  # reviews.workspace.dp_requirement
    "inspection_min_seconds_per_row": "change_settings",  # reviews.workspace.inspection_pace
}

# What an officer may allow for one dataset, and the permission each needs.
GRANTS = {
    "depth_override": "override_lineage",  # generate from it past the depth limit
    "pretraining": "allow_pretraining",  # data made from it may feed pre-training
    "blind_test_allowed": "allow_blind_test",  # its review rounds may include a blind test
    "low_agreement_accepted": "sign_off",  # its reviewers' low agreement is accepted, with reasons
    # why its earlier failed inspections no longer apply (reviews.signoff.checklist.inspection)
    "inspection_failure_explained": "sign_off",
}


class SettingWrites(StoreBase):
    @retried
    def set_setting(self, actor: Actor, key: str, value: Any) -> None:
        """Change a workspace setting such as the lineage depth limit or the gates (see ``SETTINGS``)."""
        if key not in SETTINGS:
            raise ReviewsError(Msg("Unknown setting {key}.", key=repr(key)))
        require(actor, SETTINGS[key])
        json.dumps(value)  # refuse values that could not be stored as JSON before touching the database
        with self._transaction() as conn:
            old = self._put_setting(conn, key, value)
            self._append_event(
                conn, actor.username, "settings.change", f"setting:{key}", {"from": old, "to": value}
            )

    @retried
    def grant(self, actor: Actor, kind: str, dataset_id: int, justification: str) -> None:
        """An officer's recorded permission about one dataset (see ``GRANTS``)."""
        if kind not in GRANTS:
            raise ReviewsError(Msg("Unknown grant {kind}.", kind=repr(kind)))
        require(actor, GRANTS[kind])
        if len(justification.strip()) < 10:
            raise ReviewsError(
                N_("Write a justification of at least a sentence; it is kept in the audit log.")
            )
        with self._transaction() as conn:
            conn.execute(
                insert(grants).values(
                    dataset_id=int(dataset_id),
                    kind=kind,
                    granted_by=actor.username,
                    justification=justification.strip(),
                    granted_at=now(),
                )
            )
            self._append_event(
                conn,
                actor.username,
                f"grant.{kind}",
                f"dataset:{dataset_id}",
                {"justification": justification.strip()},
            )

    @staticmethod
    def _put_setting(conn: Connection, key: str, value: Any) -> Any:
        """Insert or replace one setting inside the caller's transaction; returns the old value."""
        old = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar_one_or_none()
        if old is None:
            conn.execute(insert(app_settings).values(key=key, value=value))
        else:
            conn.execute(update(app_settings).where(app_settings.c.key == key).values(value=value))
        return old
