"""The two lookups every read module needs: one row by id, and the newest row matching a value."""

from __future__ import annotations

from sqlalchemy import Table, select

from reviews.errors import NotFound
from synth.i18n import N_, Msg

# The records callers look up by id, named for the "not found" message.
RECORD_NAMES = (N_("review round"), N_("evaluation"), N_("sign-off"), N_("job"))


def row_by_id(engine, table: Table, row_id: int, what: str) -> dict:
    """The row of ``table`` with primary key ``row_id``; ``NotFound`` names ``what`` otherwise."""
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == row_id)).mappings().one_or_none()
    if row is None:
        # ``what`` as a fixed message, so the record's name is translated too.
        raise NotFound(Msg("No {what} {id}.", what=Msg(what), id=row_id))
    return dict(row)


def newest_row(engine, table: Table, column: str, value) -> dict | None:
    """The most recent row (highest id) of ``table`` whose ``column`` equals ``value``, or None."""
    with engine.connect() as conn:
        row = (
            conn.execute(select(table).where(table.c[column] == value).order_by(table.c.id.desc()).limit(1))
            .mappings()
            .one_or_none()
        )
    return None if row is None else dict(row)
