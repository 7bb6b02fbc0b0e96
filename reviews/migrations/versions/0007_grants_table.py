"""officers' grants get their own table, moved out of the settings rows keyed "kind:id"

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

A settings row whose dataset or granting user no longer exists cannot satisfy the new foreign
keys; it stays in ``settings`` untouched (nothing reads it), so no record is lost.
"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

KINDS = ("depth_override", "pretraining", "blind_test_allowed")

settings = sa.table('settings', sa.column('key', sa.String), sa.column('value', sa.JSON))
grants = sa.table(
    'grants',
    sa.column('dataset_id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('granted_by', sa.String),
    sa.column('justification', sa.Text),
    sa.column('granted_at', sa.DateTime(timezone=True)),
)


def _stamp(text):
    try:
        stamp = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return datetime.now(timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def upgrade() -> None:
    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('granted_by', sa.String(length=64), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ),
    sa.ForeignKeyConstraint(['granted_by'], ['users.username'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grants_dataset_id'), ['dataset_id'], unique=False)

    conn = op.get_bind()
    dataset_ids = set(conn.execute(sa.text("SELECT id FROM datasets")).scalars())
    usernames = set(conn.execute(sa.text("SELECT username FROM users")).scalars())
    moved = []
    for key, value in conn.execute(sa.select(settings.c.key, settings.c.value)).all():
        kind, _, tail = key.partition(":")
        if kind not in KINDS or not tail.isdigit() or not isinstance(value, dict):
            continue
        if int(tail) not in dataset_ids or value.get("by") not in usernames:
            continue
        conn.execute(
            grants.insert().values(
                dataset_id=int(tail),
                kind=kind,
                granted_by=value["by"],
                justification=str(value.get("justification", "")),
                granted_at=_stamp(value.get("at")),
            )
        )
        moved.append(key)
    if moved:
        conn.execute(settings.delete().where(settings.c.key.in_(moved)))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(grants.c.dataset_id, grants.c.kind, grants.c.granted_by, grants.c.justification,
                  grants.c.granted_at).order_by(sa.text('id'))
    ).all()
    newest = {}
    for row in rows:  # the newest grant of a kind per dataset was the one the settings row held
        newest[f"{row.kind}:{row.dataset_id}"] = {
            "by": row.granted_by, "justification": row.justification, "at": _stamp_text(row.granted_at)
        }
    for key, value in newest.items():
        conn.execute(settings.delete().where(settings.c.key == key))
        conn.execute(settings.insert().values(key=key, value=value))
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grants_dataset_id'))
    op.drop_table('grants')


def _stamp_text(stamp):
    if isinstance(stamp, str):
        return stamp
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).isoformat()
