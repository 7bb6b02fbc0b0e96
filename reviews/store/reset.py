"""Store write for wiping a demo workspace: the wipe is itself on record, and the new audit
chain begins with an event that carries the old chain's head, so the two chains link up."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from reviews.store.base import StoreBase, retried
from reviews.workspace.db import downgrade, migrate
from reviews.workspace.permissions import Actor, require
from reviews.workspace.schema import audit_head


class ResetWrites(StoreBase):
    def _head(self) -> dict:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
            ).first()
        return {"seq": row.seq, "hash": row.hash} if row else {"seq": 0, "hash": None}

    @retried
    def wipe_workspace(self, actor: Actor) -> dict:
        """Drop every table and stored file, recreate the schema and start a new audit chain whose
        first event (``workspace.reset``) names who reset it and the old chain's head.

        The wipe is recorded in the old chain first (its last event), then in the new one.
        """
        require(actor, "reset_demo")
        self._record(actor, "workspace.reset_requested", {})
        old_head = self._head()
        downgrade(self.engine, "base")
        migrate(self.engine)
        shutil.rmtree(self.artifact_root, ignore_errors=True)
        self._record(actor, "workspace.reset", {"previous_head": old_head})
        return old_head

    @retried
    def _record(self, actor: Actor, action: str, payload: dict) -> None:
        with self._transaction() as conn:
            self._append_event(conn, actor.username, action, "workspace", payload)
