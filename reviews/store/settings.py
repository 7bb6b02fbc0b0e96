"""Store writes for workspace settings (depth limit, gates, ...)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, select, update

from reviews.permissions import Actor, require
from reviews.schema import app_settings
from reviews.store.base import StoreBase


class SettingWrites(StoreBase):
    def set_setting(self, actor: Actor, key: str, value: Any) -> None:
        """Change a workspace setting such as the lineage depth limit or the gates (admins only)."""
        require(actor, "change_settings")
        json.dumps(value)  # refuse values that could not be stored as JSON before touching the database
        with self._transaction() as conn:
            old = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar_one_or_none()
            if old is None:
                conn.execute(insert(app_settings).values(key=key, value=value))
            else:
                conn.execute(update(app_settings).where(app_settings.c.key == key).values(value=value))
            self._append_event(conn, actor.username, "settings.change", f"setting:{key}", {"from": old, "to": value})
